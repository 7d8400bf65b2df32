#pragma once
#include <string>
#include <vector>

#include "models/dataflow/graph/Expression.h"
#include "sim/config/ConfigNode.h"

namespace xpusim::dataflow {

/// The keys of one YAML map of a workload file, read by type (counts may be expressions of the
/// file's variables); keys never read are rejected by done(). Every malformed value is an
/// InputError at its file, line and column, prefixed with `what` ("node 'a'").
class Fields {
 public:
  Fields(const ConfigNode& node, std::string what, const Variables& vars);
  /// Marks `key` as known without reading it (structured values read elsewhere).
  void touch(const std::string& key) { used_.push_back(key); }
  /// The value of `key` (a scalar or a list), or nullptr when absent.
  const ConfigNode* get(const std::string& key);
  const ConfigNode& require(const std::string& key);
  std::string text(const std::string& key, const std::string& def);
  /// An unsigned integer expression.
  std::uint64_t uint(const std::string& key, std::uint64_t def);
  /// An unsigned integer expression >= 1.
  std::uint64_t positive(const std::string& key, std::uint64_t def);
  double real(const std::string& key, double def);
  bool flag(const std::string& key);
  /// One of `choices` (index), or `def` when absent.
  std::size_t choice(const std::string& key, const std::vector<std::string>& choices,
                     std::size_t def);
  /// Rejects the first key never read.
  void done() const;
  const std::string& what() const { return what_; }

 private:
  std::string scalar(const ConfigNode& v, const std::string& key) const;

  const ConfigNode& node_;
  std::string what_;
  const Variables& vars_;
  std::vector<std::string> used_;
};

}  // namespace xpusim::dataflow
