#pragma once
#include <string>
#include <utility>
#include <vector>

#include "sim/config/InputError.h"

namespace xpusim {

/// A YAML value that remembers where it was written (file, line, column), so every error about
/// it can point there even after presets were merged and `--set` overrides applied.
struct ConfigNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  struct Entry;

  Kind kind = Kind::kNull;
  std::string scalar;
  std::vector<ConfigNode> items;  ///< sequence elements
  std::vector<Entry> entries;     ///< map entries, in written order
  SourceLocation where;

  bool isMap() const { return kind == Kind::kMap; }
  bool isScalar() const { return kind == Kind::kScalar; }
  bool isSequence() const { return kind == Kind::kSequence; }
  /// The value of map key `key`, or nullptr.
  const ConfigNode* find(const std::string& key) const;
  ConfigNode* find(const std::string& key);
  /// Where map key `key` was written (its key position), or this node's position.
  SourceLocation keyLocation(const std::string& key) const;
  /// Sets or replaces a map entry.
  ConfigNode& set(const std::string& key, ConfigNode value, SourceLocation keyAt);
  void erase(const std::string& key);
  /// "map", "sequence", "scalar" or "null", for messages.
  const char* kindName() const;
};

struct ConfigNode::Entry {
  std::string key;
  SourceLocation keyAt;
  ConfigNode value;
};

}  // namespace xpusim
