#include "sim/config/ParamReader.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "sim/config/Suggest.h"
#include "sim/config/Units.h"

namespace xpusim {

const char* paramTypeName(ParamType t) {
  switch (t) {
    case ParamType::kBool:
      return "bool";
    case ParamType::kUInt:
      return "uint";
    case ParamType::kInt:
      return "int";
    case ParamType::kReal:
      return "real";
    case ParamType::kString:
      return "string";
    case ParamType::kChoice:
      return "choice";
    case ParamType::kTime:
      return "time";
    case ParamType::kClock:
      return "clock";
    case ParamType::kBytes:
      return "bytes";
    case ParamType::kBandwidth:
      return "bandwidth";
    case ParamType::kPath:
      return "path";
  }
  return "?";
}

ParamReader::ParamReader(const ConfigNode& node, std::string componentPath,
                         const std::vector<ParamSpec>& params, std::vector<std::string> otherKeys)
    : node_(node),
      path_(std::move(componentPath)),
      params_(params),
      otherKeys_(std::move(otherKeys)),
      read_(params.size(), false) {
  if (!node_.isMap() && node_.kind != ConfigNode::Kind::kNull)
    throw InputError(node_.where, fmt::format("{}: expected a map of parameters, got {}", path_,
                                              node_.kindName()));
  std::vector<std::string> known = otherKeys_;
  for (const auto& p : params_) known.push_back(p.name);
  for (const auto& e : node_.entries) {
    if (std::find(known.begin(), known.end(), e.key) != known.end()) continue;
    throw InputError(e.keyAt, fmt::format("{}: unknown key '{}'{}; `xpusim describe` lists the "
                                          "keys of each type",
                                          path_, e.key, suggestion(e.key, known)));
  }
  for (const auto& p : params_) {
    const ConfigNode* v = node_.find(p.name);
    if (v && !v->isScalar())
      throw InputError(v->where, fmt::format("{}: '{}' expects a single value ({}), got {}", path_,
                                             p.name, paramTypeName(p.type), v->kindName()));
  }
}

bool ParamReader::has(const std::string& name) const {
  for (const auto& p : params_)
    if (p.name == name) return node_.find(name) || !p.optional;
  throw std::logic_error(path_ + ": parameter '" + name + "' is not declared");
}

const ParamSpec& ParamReader::spec(const std::string& name, ParamType expected) {
  for (std::size_t i = 0; i < params_.size(); ++i)
    if (params_[i].name == name) {
      if (params_[i].type != expected)
        throw std::logic_error(fmt::format("{}: parameter '{}' is declared {} but read as {}",
                                           path_, name, paramTypeName(params_[i].type),
                                           paramTypeName(expected)));
      read_[i] = true;
      return params_[i];
    }
  throw std::logic_error(path_ + ": parameter '" + name + "' is not declared");
}

std::string ParamReader::valueText(const ParamSpec& s) const {
  if (const ConfigNode* v = node_.find(s.name)) return v->scalar;
  if (s.required)
    throw InputError(node_.where, fmt::format("{}: missing required key '{}' ({}{}: {})", path_,
                                              s.name, paramTypeName(s.type),
                                              s.unit.empty() ? "" : ", " + s.unit, s.description));
  if (s.optional) throw std::logic_error(path_ + ": optional '" + s.name + "' read without has()");
  return s.defaultText;
}

SourceLocation ParamReader::location(const std::string& name) const {
  if (const ConfigNode* v = node_.find(name)) return v->where;
  return node_.where;
}

InputError ParamReader::error(const std::string& name, const std::string& message) const {
  std::string text;
  if (const ConfigNode* v = node_.find(name)) text = " = '" + v->scalar + "'";
  return InputError(location(name), fmt::format("{}: '{}'{}: {}", path_, name, text, message));
}

template <class F>
auto ParamReader::parse(const std::string& name, ParamType type, F&& parser) {
  const ParamSpec& s = spec(name, type);
  const std::string text = valueText(s);
  try {
    return parser(text, s);
  } catch (const units::UnitError& e) {
    throw error(name, e.what());
  }
}

bool ParamReader::flag(const std::string& name) {
  return parse(name, ParamType::kBool,
               [](const std::string& t, auto&) { return units::parseBool(t); });
}
std::uint64_t ParamReader::uint(const std::string& name) {
  return parse(name, ParamType::kUInt,
               [](const std::string& t, auto&) { return units::parseUnsigned(t); });
}
std::int64_t ParamReader::integer(const std::string& name) {
  return parse(name, ParamType::kInt,
               [](const std::string& t, auto&) { return units::parseSigned(t); });
}
double ParamReader::real(const std::string& name) {
  return parse(name, ParamType::kReal,
               [](const std::string& t, auto&) { return units::parseReal(t); });
}
std::string ParamReader::text(const std::string& name) {
  return parse(name, ParamType::kString, [](const std::string& t, auto&) { return t; });
}
std::string ParamReader::choice(const std::string& name) {
  return parse(name, ParamType::kChoice, [](const std::string& t, const ParamSpec& s) {
    if (std::find(s.choices.begin(), s.choices.end(), t) != s.choices.end()) return t;
    std::string list;
    for (const auto& c : s.choices) list += (list.empty() ? "" : ", ") + c;
    throw units::UnitError(fmt::format("expected one of {}{}", list, suggestion(t, s.choices)));
  });
}
Tick ParamReader::time(const std::string& name) {
  return parse(name, ParamType::kTime,
               [](const std::string& t, auto&) { return units::parseTime(t); });
}
Tick ParamReader::clock(const std::string& name) {
  return parse(name, ParamType::kClock,
               [](const std::string& t, auto&) { return units::parseClockPeriod(t); });
}
std::uint64_t ParamReader::bytes(const std::string& name) {
  return parse(name, ParamType::kBytes,
               [](const std::string& t, auto&) { return units::parseBytes(t); });
}
std::uint64_t ParamReader::bandwidth(const std::string& name) {
  return parse(name, ParamType::kBandwidth,
               [](const std::string& t, auto&) { return units::parseBandwidth(t); });
}
std::filesystem::path ParamReader::resolvePath(const ConfigNode& value) {
  std::filesystem::path p(value.scalar);
  const std::string& file = value.where.file;
  const bool fromFile = !file.empty() && file.rfind("--", 0) != 0;
  if (p.is_relative() && fromFile) p = std::filesystem::path(file).parent_path() / p;
  return std::filesystem::absolute(p).lexically_normal();
}

std::filesystem::path ParamReader::path(const std::string& name) {
  return parse(name, ParamType::kPath, [&](const std::string& t, auto&) {
    if (t.empty()) throw units::UnitError("expected a file path");
    const ConfigNode* given = node_.find(name);
    ConfigNode fallback;  // a default: relative to the working directory
    fallback.scalar = t;
    return resolvePath(given ? *given : fallback);
  });
}

ConfigNode ParamReader::resolved() const {
  ConfigNode out;
  out.kind = ConfigNode::Kind::kMap;
  for (const auto& key : otherKeys_)
    if (const ConfigNode* v = node_.find(key); v && key != "components") out.set(key, *v, {});
  for (const auto& p : params_) {
    ConfigNode v;
    v.kind = ConfigNode::Kind::kScalar;
    if (const ConfigNode* given = node_.find(p.name))
      v.scalar = p.type == ParamType::kPath ? resolvePath(*given).string() : given->scalar;
    else if (!p.required && !p.optional)
      v.scalar = p.defaultText;
    else
      continue;
    out.set(p.name, std::move(v), {});
  }
  return out;
}

void ParamReader::checkAllRead() const {
  std::string unread;
  for (std::size_t i = 0; i < params_.size(); ++i)
    if (!read_[i] && (node_.find(params_[i].name) || !params_[i].optional))
      unread += (unread.empty() ? "" : ", ") + params_[i].name;
  if (!unread.empty())
    throw std::logic_error(path_ + ": declared parameters never read: " + unread);
}

}  // namespace xpusim
