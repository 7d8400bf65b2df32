#include "sim/config/ConfigNode.h"

#include <algorithm>

namespace xpusim {

const ConfigNode* ConfigNode::find(const std::string& key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

ConfigNode* ConfigNode::find(const std::string& key) {
  for (auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

SourceLocation ConfigNode::keyLocation(const std::string& key) const {
  for (const auto& e : entries)
    if (e.key == key) return e.keyAt;
  return where;
}

ConfigNode& ConfigNode::set(const std::string& key, ConfigNode value, SourceLocation keyAt) {
  kind = Kind::kMap;
  for (auto& e : entries)
    if (e.key == key) {
      e.value = std::move(value);
      e.keyAt = std::move(keyAt);
      return e.value;
    }
  entries.push_back(Entry{key, std::move(keyAt), std::move(value)});
  return entries.back().value;
}

void ConfigNode::erase(const std::string& key) {
  std::erase_if(entries, [&](const Entry& e) { return e.key == key; });
}

const char* ConfigNode::kindName() const {
  switch (kind) {
    case Kind::kScalar:
      return "a scalar";
    case Kind::kSequence:
      return "a sequence";
    case Kind::kMap:
      return "a map";
    case Kind::kNull:
      break;
  }
  return "empty";
}

}  // namespace xpusim
