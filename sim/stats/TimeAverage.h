#pragma once
#include <cstdint>

#include "sim/core/Tick.h"

namespace xpusim {

/// The time-weighted average of a piecewise-constant quantity (queue occupancy, busy units,
/// power state), in the quantity's unit. Call set() whenever the value changes; average(t)
/// integrates from tick 0 (value 0 until the first set()) to t. The integral is kept exactly
/// in value x picoseconds; only the final division is floating point.
class TimeAverage {
  __extension__ typedef __int128 Wide;

 public:
  /// The quantity becomes `value` at tick `now` (>= the previous call's tick).
  void set(Tick now, std::int64_t value) {
    integral_ += static_cast<Wide>(value_) * static_cast<Wide>(now - since_);
    since_ = now;
    value_ = value;
    if (value > max_) max_ = value;
  }
  /// Current value.
  std::int64_t value() const { return value_; }
  /// Largest value set so far.
  std::int64_t max() const { return max_; }
  /// Mean value over [0, until]; 0 for an empty interval.
  double average(Tick until) const {
    if (until == 0) return 0.0;
    const Wide total = integral_ + static_cast<Wide>(value_) * static_cast<Wide>(until - since_);
    return static_cast<double>(total) / static_cast<double>(until);
  }

 private:
  Wide integral_ = 0;
  Tick since_ = 0;
  std::int64_t value_ = 0;
  std::int64_t max_ = 0;
};

}  // namespace xpusim
