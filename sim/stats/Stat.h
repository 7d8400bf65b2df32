#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/stats/Distribution.h"

namespace xpusim {

/// One number of a stats dump: an exact integer or a double.
using StatNumber = std::variant<std::uint64_t, double>;

/// Text of a number as written in text and CSV dumps: integers in decimal, doubles in fmt's
/// shortest round-trip form ("0.1", "5", "1e+20", "nan"), so dumps are bit-reproducible.
std::string formatStatNumber(const StatNumber& number);

/// One line of a flat dump after expansion of distributions and vectors.
struct FlatStat {
  std::string name;
  StatNumber value;
  std::string unit;
  std::string description;
};

/// One registered statistic: a reference to a value owned by a component (or a formula over
/// such values) with its dotted path, unit and description. Values are read only when dumped.
class Stat {
 public:
  /// Where the value lives: a counter, a scalar, a distribution, a vector of counts, or a
  /// formula evaluated at dump time. The referenced object must outlive the registry.
  using Source = std::variant<const std::uint64_t*, const double*, const Distribution*,
                              const std::vector<std::uint64_t>*, std::function<double()>>;

  /// A stat named by its dotted `path`, reading `source`, measured in `unit` ("cycles", "B").
  Stat(std::string path, Source source, std::string unit, std::string description);

  /// The dotted path, e.g. "system.sram.reads".
  const std::string& path() const { return path_; }
  /// The unit of the value(s), e.g. "cycles"; may be empty.
  const std::string& unit() const { return unit_; }
  /// What the stat counts, in one phrase; may be empty.
  const std::string& description() const { return description_; }

  /// Appends the expanded values: the path itself for counters, scalars and formulas;
  /// path.count, .mean, .min, .max, .p50, .p90, .p99, .stddev for a distribution; path::0,
  /// path::1, ... and path::total for a vector.
  void flatten(std::vector<FlatStat>& out) const;
  /// The value as JSON: an integer, a double (null if not finite), an object of the
  /// distribution's fields, or an array for a vector.
  nlohmann::ordered_json json() const;
  /// The expanded value whose name is path() + `suffix` ("" for the stat itself, ".p90" for a
  /// distribution field, "::3" or "::total" for a vector); nullopt if there is none.
  std::optional<StatNumber> field(std::string_view suffix) const;

 private:
  std::string path_;
  Source source_;
  std::string unit_;
  std::string description_;
};

}  // namespace xpusim
