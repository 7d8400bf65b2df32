#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/stats/Distribution.h"
#include "sim/stats/Stat.h"

namespace xpusim {

/// The single stats registry of a simulation. Components register their statistics by
/// reference once; the hot path only increments the component's own members, and the registry
/// reads them when it dumps (as often as asked, e.g. once per phase).
///
/// A path is the dotted component path plus the stat name ("system.sram.reads"): non-empty
/// segments without whitespace or any of `,"#:`. Registering a path twice, or a path that is
/// a prefix (at a dot) of another stat's path, throws std::logic_error. Outputs keep the
/// registration order. Every referenced object must outlive the registry's last use.
class StatsRegistry {
 public:
  /// An event count (reads, hits, stall cycles...), dumped as an integer.
  void addCounter(const std::string& path, const std::uint64_t& value, std::string unit,
                  std::string description);
  /// A real-valued state (utilisation, energy in joules...), dumped as a double.
  void addScalar(const std::string& path, const double& value, std::string unit,
                 std::string description);
  /// A distribution of integer samples in `unit`; expands to count, mean, min, max, p50, p90,
  /// p99 and stddev.
  void addDistribution(const std::string& path, const Distribution& distribution, std::string unit,
                       std::string description);
  /// Per-element counts (per bank, per PE row...); the size is read at dump time.
  void addVector(const std::string& path, const std::vector<std::uint64_t>& values,
                 std::string unit, std::string description);
  /// A derived value (bandwidth = bytes / seconds) evaluated at every dump and lookup.
  void addFormula(const std::string& path, std::function<double()> formula, std::string unit,
                  std::string description);

  // Registering a temporary would leave a dangling reference.
  void addCounter(const std::string&, const std::uint64_t&&, std::string, std::string) = delete;
  void addScalar(const std::string&, const double&&, std::string, std::string) = delete;
  void addDistribution(const std::string&, const Distribution&&, std::string, std::string) = delete;
  void addVector(const std::string&, const std::vector<std::uint64_t>&&, std::string,
                 std::string) = delete;

  /// Number of registered stats (before expansion).
  std::size_t size() const { return stats_.size(); }

  /// Whether `name` is a registered path or an expanded name ("x.lat.p99", "x.banks::3").
  bool has(const std::string& name) const;
  /// The current value of a registered path or expanded name, as a double. Throws
  /// std::out_of_range if there is none.
  double value(const std::string& name) const;

  /// Every value after expansion, in registration order (the lines of the text dump).
  std::vector<FlatStat> flatten() const;

  /// JSON nested by component: {"system":{"sram":{"reads":5,"latency":{"count":..}}}}.
  /// Integers as integers, doubles as doubles (null when not finite). Ends with a newline.
  void writeJson(std::ostream& out) const;
  /// gem5-style text: a begin line, then `name value # description (unit)` per expanded value
  /// with names and values in aligned columns, then an end line.
  void writeText(std::ostream& out) const;
  /// A one-row CSV for sweeps: the header line of expanded names, then the row of values.
  void writeCsv(std::ostream& out) const;
  /// Only the CSV header line (expanded names, comma-separated, newline-terminated).
  void writeCsvHeader(std::ostream& out) const;
  /// Only the CSV row of values, for appending to a sweep file that already has the header.
  void writeCsvRow(std::ostream& out) const;

 private:
  void add(const std::string& path, Stat::Source source, std::string unit, std::string description);
  void checkPath(const std::string& path) const;
  const Stat* find(const std::string& name, std::string_view& suffix) const;

  std::vector<Stat> stats_;
  std::map<std::string, std::size_t, std::less<>> index_;  // path -> position in stats_
};

}  // namespace xpusim
