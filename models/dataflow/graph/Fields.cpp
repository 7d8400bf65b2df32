#include "models/dataflow/graph/Fields.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/config/Units.h"

namespace xpusim::dataflow {

Fields::Fields(const ConfigNode& node, std::string what, const Variables& vars)
    : node_(node), what_(std::move(what)), vars_(vars) {
  if (!node.isMap())
    throw InputError(node.where, fmt::format("{}: expected a map, got {}", what_, node.kindName()));
}

const ConfigNode* Fields::get(const std::string& key) {
  used_.push_back(key);
  const ConfigNode* v = node_.find(key);
  if (v && !v->isScalar() && !v->isSequence())
    throw InputError(v->where, fmt::format("{}: '{}' must be a value", what_, key));
  return v;
}

const ConfigNode& Fields::require(const std::string& key) {
  const ConfigNode* v = get(key);
  if (!v) throw InputError(node_.where, fmt::format("{}: missing '{}'", what_, key));
  return *v;
}

std::string Fields::text(const std::string& key, const std::string& def) {
  const ConfigNode* v = get(key);
  return v ? scalar(*v, key) : def;
}

std::uint64_t Fields::uint(const std::string& key, std::uint64_t def) {
  const ConfigNode* v = get(key);
  return v ? evaluate(scalar(*v, key), vars_, v->where) : def;
}

std::uint64_t Fields::positive(const std::string& key, std::uint64_t def) {
  const std::uint64_t x = uint(key, def);
  if (x == 0)
    throw InputError(node_.keyLocation(key), fmt::format("{}: '{}' must be >= 1", what_, key));
  return x;
}

double Fields::real(const std::string& key, double def) {
  const ConfigNode* v = get(key);
  if (!v) return def;
  try {
    return units::parseReal(scalar(*v, key));
  } catch (const std::exception& e) {
    throw InputError(v->where, fmt::format("{}: '{}': {}", what_, key, e.what()));
  }
}

bool Fields::flag(const std::string& key) {
  const ConfigNode* v = get(key);
  if (!v) return false;
  try {
    return units::parseBool(scalar(*v, key));
  } catch (const std::exception& e) {
    throw InputError(v->where, fmt::format("{}: '{}': {}", what_, key, e.what()));
  }
}

std::size_t Fields::choice(const std::string& key, const std::vector<std::string>& choices,
                           std::size_t def) {
  const ConfigNode* v = get(key);
  if (!v) return def;
  const std::string s = scalar(*v, key);
  const auto it = std::find(choices.begin(), choices.end(), s);
  if (it == choices.end())
    throw InputError(v->where, fmt::format("{}: '{}' = '{}' is not one of: {}", what_, key, s,
                                           fmt::join(choices, ", ")));
  return static_cast<std::size_t>(it - choices.begin());
}

void Fields::done() const {
  for (const auto& e : node_.entries)
    if (std::find(used_.begin(), used_.end(), e.key) == used_.end())
      throw InputError(e.keyAt, fmt::format("{}: unknown key '{}' (this kind takes: {})", what_,
                                            e.key, fmt::join(used_, ", ")));
}

std::string Fields::scalar(const ConfigNode& v, const std::string& key) const {
  if (!v.isScalar())
    throw InputError(v.where, fmt::format("{}: '{}' must be a single value", what_, key));
  return v.scalar;
}

}  // namespace xpusim::dataflow
