#pragma once
#include <cstdint>
#include <limits>
#include <map>
#include <vector>

namespace xpusim {

/// The distribution of non-negative integer samples, e.g. latencies in cycles or sizes in bytes
/// (the unit is the caller's). Every sample is kept as a count per distinct value, so all
/// statistics, percentiles included, are exact and independent of sampling order.
///
/// Values below kDenseLimit are counted in a dense array that grows geometrically up to the
/// largest value seen; rarer larger values go to an ordered map. Once the values seen so far
/// recur, sampling allocates nothing.
class Distribution {
 public:
  /// Values below this are counted in the dense array.
  static constexpr std::uint64_t kDenseLimit = std::uint64_t{1} << 16;

  /// Records `times` samples of `value`. The sum wraps modulo 2^64 if it ever exceeds that.
  void sample(std::uint64_t value, std::uint64_t times = 1) {
    if (times == 0) return;
    count_ += times;
    sum_ += value * times;
    if (value < min_) min_ = value;
    if (value > max_) max_ = value;
    if (value < dense_.size()) {
      dense_[value] += times;
    } else {
      sampleRare(value, times);
    }
  }

  /// Number of samples.
  std::uint64_t count() const { return count_; }
  /// Sum of all samples, in the samples' unit.
  std::uint64_t sum() const { return sum_; }
  /// Smallest sample; 0 when empty.
  std::uint64_t min() const { return count_ == 0 ? 0 : min_; }
  /// Largest sample; 0 when empty.
  std::uint64_t max() const { return max_; }
  /// Arithmetic mean; 0 when empty.
  double mean() const;
  /// Population standard deviation, sqrt(sum((v - mean)^2) / count); 0 when empty.
  double stddev() const;
  /// Nearest-rank percentile, `p` in [0, 100]: the smallest sampled value v such that at least
  /// ceil(p / 100 * count) samples are <= v (rank at least 1, so p = 0 gives the minimum and
  /// p = 100 the maximum). Exact for every value. 0 when empty. Throws std::invalid_argument
  /// for p outside [0, 100].
  std::uint64_t percentile(double p) const;
  /// Forgets every sample (keeps the dense array's capacity).
  void reset();

 private:
  void sampleRare(std::uint64_t value, std::uint64_t times);

  std::vector<std::uint64_t> dense_;
  std::map<std::uint64_t, std::uint64_t> sparse_;
  std::uint64_t count_ = 0;
  std::uint64_t sum_ = 0;
  std::uint64_t min_ = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t max_ = 0;
};

}  // namespace xpusim
