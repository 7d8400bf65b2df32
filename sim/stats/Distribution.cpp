#include "sim/stats/Distribution.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

namespace xpusim {

void Distribution::sampleRare(std::uint64_t value, std::uint64_t times) {
  if (value >= kDenseLimit) {
    sparse_[value] += times;
    return;
  }
  dense_.resize(std::min(kDenseLimit, std::bit_ceil(value + 1)), 0);
  dense_[value] += times;
}

double Distribution::mean() const {
  if (count_ == 0) return 0.0;
  return static_cast<double>(sum_) / static_cast<double>(count_);
}

double Distribution::stddev() const {
  if (count_ == 0) return 0.0;
  const double m = mean();
  double squares = 0.0;
  auto add = [&](std::uint64_t value, std::uint64_t n) {
    const double d = static_cast<double>(value) - m;
    squares += static_cast<double>(n) * d * d;
  };
  for (std::uint64_t v = 0; v < dense_.size(); ++v) {
    if (dense_[v] != 0) add(v, dense_[v]);
  }
  for (const auto& [value, n] : sparse_) add(value, n);
  return std::sqrt(squares / static_cast<double>(count_));
}

std::uint64_t Distribution::percentile(double p) const {
  if (!(p >= 0.0 && p <= 100.0)) {
    throw std::invalid_argument("percentile must be in [0, 100], got " + std::to_string(p));
  }
  if (count_ == 0) return 0;
  // p * count is exact for integral p and counts below 2^53; dividing by 100 then rounds
  // correctly, so ceil() sees an exact integer whenever the true rank is one.
  const double exactRank = std::ceil(p * static_cast<double>(count_) / 100.0);
  const std::uint64_t rank =
      std::clamp<std::uint64_t>(static_cast<std::uint64_t>(exactRank), 1, count_);
  std::uint64_t seen = 0;
  for (std::uint64_t v = 0; v < dense_.size(); ++v) {
    seen += dense_[v];
    if (seen >= rank) return v;
  }
  for (const auto& [value, n] : sparse_) {
    seen += n;
    if (seen >= rank) return value;
  }
  return max_;  // Unreachable: the counts add up to count_.
}

void Distribution::reset() {
  std::fill(dense_.begin(), dense_.end(), 0);
  sparse_.clear();
  count_ = 0;
  sum_ = 0;
  min_ = std::numeric_limits<std::uint64_t>::max();
  max_ = 0;
}

}  // namespace xpusim
