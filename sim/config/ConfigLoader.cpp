#include "sim/config/ConfigLoader.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "sim/config/ConfigImporter.h"

namespace xpusim {

namespace {

namespace fs = std::filesystem;

SourceLocation at(const std::string& file, const YAML::Mark& m) {
  if (m.is_null()) return SourceLocation{file, 0, 0};
  return SourceLocation{file, m.line + 1, m.column + 1};
}

class Reader {
 public:
  explicit Reader(std::vector<fs::path>& stack) : stack_(stack) {}

  ConfigNode parse(const std::string& text, const std::string& source, const fs::path& baseDir) {
    YAML::Node doc;
    try {
      doc = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
      throw InputError(at(source, e.mark), "YAML syntax error: " + e.msg);
    }
    ConfigNode root = convert(doc, source, baseDir);
    if (root.kind == ConfigNode::Kind::kNull) {
      root.kind = ConfigNode::Kind::kMap;
      root.where = SourceLocation{source, 1, 1};
    }
    if (!root.isMap())
      throw InputError(root.where,
                       fmt::format("a config must be a map of keys, not {}", root.kindName()));
    return root;
  }

  ConfigNode load(const fs::path& file) {
    const fs::path canonical = fs::weakly_canonical(file);
    for (const auto& p : stack_)
      if (p == canonical)
        throw InputError(SourceLocation{file.string()},
                         "'extends' cycle: this file extends itself");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(SourceLocation{file.string()}, "cannot open config file");
    std::stringstream text;
    text << in.rdbuf();
    stack_.push_back(canonical);
    ConfigNode node = parse(text.str(), file.string(), file.parent_path());
    stack_.pop_back();
    return node;
  }

 private:
  ConfigNode convert(const YAML::Node& y, const std::string& source, const fs::path& baseDir) {
    ConfigNode n;
    n.where = at(source, y.Mark());
    switch (y.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        n.kind = ConfigNode::Kind::kNull;
        break;
      case YAML::NodeType::Scalar:
        n.kind = ConfigNode::Kind::kScalar;
        n.scalar = y.Scalar();
        break;
      case YAML::NodeType::Sequence:
        n.kind = ConfigNode::Kind::kSequence;
        for (const auto& item : y) n.items.push_back(convert(item, source, baseDir));
        break;
      case YAML::NodeType::Map:
        n.kind = ConfigNode::Kind::kMap;
        for (const auto& kv : y) {
          const SourceLocation keyAt = at(source, kv.first.Mark());
          if (!kv.first.IsScalar()) throw InputError(keyAt, "map keys must be plain names");
          const std::string key = kv.first.Scalar();
          if (n.find(key))
            throw InputError(keyAt, fmt::format("duplicate key '{}' (first written at {})", key,
                                                n.keyLocation(key).str()));
          n.entries.push_back({key, keyAt, convert(kv.second, source, baseDir)});
        }
        return resolveExtends(std::move(n), baseDir);
    }
    return n;
  }

  ConfigNode resolveExtends(ConfigNode n, const fs::path& baseDir) {
    const ConfigNode* ext = n.find("extends");
    if (!ext) return n;
    std::vector<const ConfigNode*> names;
    if (ext->isScalar()) names.push_back(ext);
    if (ext->isSequence())
      for (const auto& item : ext->items) names.push_back(&item);
    if (names.empty() ||
        !std::all_of(names.begin(), names.end(), [](const ConfigNode* x) { return x->isScalar(); }))
      throw InputError(ext->where, "'extends' takes a file name or a list of file names");
    ConfigNode merged;
    merged.kind = ConfigNode::Kind::kMap;
    merged.where = n.where;
    for (const ConfigNode* name : names) {
      const fs::path path = baseDir / name->scalar;
      if (!fs::exists(path))
        throw InputError(name->where, fmt::format("'extends': no such file '{}'", path.string()));
      merge(merged, load(path));
    }
    n.erase("extends");
    merge(merged, std::move(n));
    return merged;
  }

  static void merge(ConfigNode& base, ConfigNode over) {
    for (auto& e : over.entries) {
      ConfigNode* existing = base.find(e.key);
      if (existing && existing->isMap() && e.value.isMap())
        merge(*existing, std::move(e.value));
      else
        base.set(e.key, std::move(e.value), e.keyAt);
    }
  }

  std::vector<fs::path>& stack_;
};

}  // namespace

ConfigNode ConfigLoader::loadFile(const fs::path& file) {
  if (ConfigImporter import = ConfigImporters::find(file)) return import(file);
  std::vector<fs::path> stack;
  return Reader(stack).load(file);
}

ConfigNode ConfigLoader::loadText(const std::string& text, const std::string& source,
                                  const fs::path& baseDir) {
  std::vector<fs::path> stack;
  return Reader(stack).parse(text, source, baseDir);
}

void ConfigLoader::applyOverride(ConfigNode& root, const std::string& assignment) {
  const SourceLocation where{"--set " + assignment};
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == assignment.size())
    throw InputError(where, "expected --set path.to.key=value");
  const std::string path = assignment.substr(0, eq);
  std::vector<std::string> steps;
  for (std::size_t start = 0;;) {
    const auto dot = path.find('.', start);
    steps.push_back(path.substr(start, dot - start));
    if (steps.back().empty()) throw InputError(where, "empty step in the key path");
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  ConfigNode* node = &root;
  std::string walked;
  for (std::size_t i = 0; i + 1 < steps.size(); ++i) {
    ConfigNode* next = node->find(steps[i]);
    if (!next)
      if (ConfigNode* children = node->find("components"); children && children->isMap())
        next = children->find(steps[i]);
    walked += (walked.empty() ? "" : ".") + steps[i];
    if (!next)
      throw InputError(where, fmt::format("no key or component '{}' in the config", walked));
    if (!next->isMap())
      throw InputError(where, fmt::format("'{}' is {}, not a map (written at {})", walked,
                                          next->kindName(), next->where.str()));
    node = next;
  }
  std::vector<fs::path> stack;
  ConfigNode value = Reader(stack).parse("v: " + assignment.substr(eq + 1), where.file, ".");
  ConfigNode v = std::move(value.entries.front().value);
  v.where = where;
  node->set(steps.back(), std::move(v), where);
}

}  // namespace xpusim
