#include "models/systolic/ScaleSimConfig.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <vector>

#include "sim/config/ConfigImporter.h"
#include "sim/config/Suggest.h"

namespace xpusim::systolic {

namespace {

struct Value {
  std::string text;
  SourceLocation where;
};

/// Section -> option names SCALE-Sim v2 reads (lower case), and whether each is required.
const std::map<std::string, std::vector<std::pair<std::string, bool>>>& knownKeys() {
  static const std::map<std::string, std::vector<std::pair<std::string, bool>>> keys = {
      {"general", {{"run_name", true}}},
      {"architecture_presets",
       {{"arrayheight", true},
        {"arraywidth", true},
        {"ifmapsramszkb", true},
        {"filtersramszkb", true},
        {"ofmapsramszkb", true},
        {"ifmapoffset", true},
        {"filteroffset", true},
        {"ofmapoffset", true},
        {"dataflow", true},
        {"bandwidth", false},
        {"memorybanks", false}}},
      {"run_presets", {{"interfacebandwidth", true}}},
      {"network_presets", {{"topologycsvloc", false}}},
  };
  return keys;
}

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

ConfigNode scalar(std::string text, const SourceLocation& where) {
  ConfigNode n;
  n.kind = ConfigNode::Kind::kScalar;
  n.scalar = std::move(text);
  n.where = where;
  return n;
}

ConfigNode map(const SourceLocation& where) {
  ConfigNode n;
  n.kind = ConfigNode::Kind::kMap;
  n.where = where;
  return n;
}

}  // namespace

ConfigNode ScaleSimConfig::parse(std::string_view text, const std::string& source) {
  std::map<std::string, Value> values;  // "section.key" -> value
  std::string section;
  std::istringstream in{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    const SourceLocation at{source, number, 1};
    if (t.front() == '[') {
      if (t.back() != ']') throw InputError(at, "expected a section header '[name]'");
      section = t.substr(1, t.size() - 2);
      if (!knownKeys().count(section)) {
        std::vector<std::string> names;
        for (const auto& [s, keys] : knownKeys()) names.push_back(s);
        throw InputError(at, fmt::format("unknown SCALE-Sim section '[{}]'{}", section,
                                         suggestion(section, names)));
      }
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(line[0])))
      throw InputError(at, "continuation lines are not supported; write 'key : value' on one line");
    const std::size_t sep = line.find_first_of(":=");
    if (sep == std::string::npos) throw InputError(at, "expected 'key : value' or 'key = value'");
    if (section.empty()) throw InputError(at, "a key before the first [section]");
    const std::string key = lower(trim(std::string_view(line).substr(0, sep)));
    const auto& known = knownKeys().at(section);
    const bool ok =
        std::any_of(known.begin(), known.end(), [&](const auto& k) { return k.first == key; });
    if (!ok) {
      std::vector<std::string> names;
      for (const auto& k : known) names.push_back(k.first);
      throw InputError(at, fmt::format("unknown SCALE-Sim key '{}' in [{}]{} (known: {})",
                                       trim(std::string_view(line).substr(0, sep)), section,
                                       suggestion(key, names), fmt::join(names, ", ")));
    }
    std::size_t col = sep + 1;
    while (col < line.size() && std::isspace(static_cast<unsigned char>(line[col]))) ++col;
    const std::string full = section + "." + key;
    if (values.count(full))
      throw InputError(at, fmt::format("duplicate key '{}' (first written at {})", key,
                                       values[full].where.str()));
    values[full] = {trim(std::string_view(line).substr(sep + 1)),
                    SourceLocation{source, number, static_cast<int>(col + 1)}};
    if (key == "memorybanks")
      std::cerr << fmt::format(
          "xpusim: warning: {}: MemoryBanks is ignored (SCALE-Sim v2 never "
          "reads it)\n",
          at.str());
  }
  for (const auto& [s, keys] : knownKeys())
    for (const auto& [key, required] : keys)
      if (required && !values.count(s + "." + key))
        throw InputError(
            SourceLocation{source},
            fmt::format("missing key '{}' in [{}] (SCALE-Sim v2 requires it)", key, s));

  const SourceLocation top{source, 1, 1};
  ConfigNode root = map(top);
  ConfigNode array = map(top);
  auto put = [&](const char* name, const std::string& key, std::string suffix = "") {
    const Value& v = values.at(key);
    array.set(name, scalar(v.text + suffix, v.where), v.where);
  };
  array.set("type", scalar("systolic_array", top), top);
  array.set("timing", scalar("scalesim", top), top);
  put("rows", "architecture_presets.arrayheight");
  put("cols", "architecture_presets.arraywidth");
  put("dataflow", "architecture_presets.dataflow");
  put("ifmap_sram", "architecture_presets.ifmapsramszkb", "KiB");
  put("filter_sram", "architecture_presets.filtersramszkb", "KiB");
  put("ofmap_sram", "architecture_presets.ofmapsramszkb", "KiB");
  put("ifmap_offset", "architecture_presets.ifmapoffset");
  put("filter_offset", "architecture_presets.filteroffset");
  put("ofmap_offset", "architecture_presets.ofmapoffset");
  ConfigNode components = map(top);
  const Value& mode = values.at("run_presets.interfacebandwidth");
  if (mode.text == "USER") {
    auto bw = values.find("architecture_presets.bandwidth");
    if (bw == values.end())
      throw InputError(mode.where,
                       "InterfaceBandwidth USER needs 'Bandwidth' in "
                       "[architecture_presets]");
    const std::string first = trim(bw->second.text.substr(0, bw->second.text.find(',')));
    if (first.empty() || !std::all_of(first.begin(), first.end(), ::isdigit) || first == "0")
      throw InputError(bw->second.where,
                       fmt::format("expected Bandwidth in words per cycle, got '{}'", first));
    array.set("mem", scalar("memory", bw->second.where), bw->second.where);
    ConfigNode memory = map(bw->second.where);
    memory.set("type", scalar("ideal_memory", bw->second.where), bw->second.where);
    memory.set("clock", scalar("1GHz", bw->second.where), bw->second.where);
    memory.set("bandwidth", scalar(first + "GB/s", bw->second.where), bw->second.where);
    memory.set("latency", scalar("1ns", bw->second.where), bw->second.where);
    components.set("array", std::move(array), top);
    components.set("memory", std::move(memory), bw->second.where);
  } else if (mode.text == "CALC") {
    components.set("array", std::move(array), top);
  } else {
    throw InputError(mode.where,
                     fmt::format("InterfaceBandwidth must be CALC or USER, got '{}'", mode.text));
  }
  if (auto topo = values.find("network_presets.topologycsvloc"); topo != values.end()) {
    std::string path = topo->second.text;
    if (path.size() >= 2 && path.front() == '"' && path.back() == '"')
      path = path.substr(1, path.size() - 2);
    root.set("workload", scalar(path, topo->second.where), topo->second.where);
  }
  root.set("components", std::move(components), top);
  return root;
}

ConfigNode ScaleSimConfig::importFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(SourceLocation{file.string()}, "cannot open SCALE-Sim config file");
  std::stringstream s;
  s << in.rdbuf();
  return parse(s.str(), file.string());
}

}  // namespace xpusim::systolic

namespace xpusim {
XPUSIM_REGISTER_CONFIG_IMPORTER(ScaleSimCfg, ".cfg", &systolic::ScaleSimConfig::importFile)
}  // namespace xpusim
