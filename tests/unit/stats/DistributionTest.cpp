#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/stats/Distribution.h"

using xpusim::Distribution;

TEST_CASE("An empty distribution reports zeros", "[distribution]") {
  const Distribution d;
  CHECK(d.count() == 0);
  CHECK(d.sum() == 0);
  CHECK(d.min() == 0);
  CHECK(d.max() == 0);
  CHECK(d.mean() == 0.0);
  CHECK(d.stddev() == 0.0);
  CHECK(d.percentile(50) == 0);
}

TEST_CASE("Nearest-rank percentiles of 1..10", "[distribution]") {
  Distribution d;
  for (std::uint64_t v = 1; v <= 10; ++v) d.sample(v);
  CHECK(d.count() == 10);
  CHECK(d.sum() == 55);
  CHECK(d.min() == 1);
  CHECK(d.max() == 10);
  CHECK(d.mean() == 5.5);
  CHECK(d.stddev() == std::sqrt(8.25));
  CHECK(d.percentile(0) == 1);    // rank clamped to 1
  CHECK(d.percentile(10) == 1);   // rank 1
  CHECK(d.percentile(11) == 2);   // rank ceil(1.1) = 2
  CHECK(d.percentile(50) == 5);   // rank 5
  CHECK(d.percentile(51) == 6);   // rank ceil(5.1) = 6
  CHECK(d.percentile(90) == 9);   // rank 9
  CHECK(d.percentile(99) == 10);  // rank ceil(9.9) = 10
  CHECK(d.percentile(100) == 10);
}

TEST_CASE("Percentiles of 0..99 at integer and fractional p", "[distribution]") {
  Distribution d;
  for (std::uint64_t v = 0; v < 100; ++v) d.sample(v);
  CHECK(d.percentile(1) == 0);
  CHECK(d.percentile(50) == 49);
  CHECK(d.percentile(99) == 98);
  CHECK(d.percentile(99.5) == 99);
  CHECK(d.percentile(0.5) == 0);
  CHECK(d.percentile(1.5) == 1);
}

TEST_CASE("Values above the dense range are exact", "[distribution]") {
  Distribution d;
  const std::uint64_t huge = std::uint64_t{1} << 40;
  for (std::uint64_t v : {huge, std::uint64_t{70000}, std::uint64_t{3}, std::uint64_t{1000000},
                          std::uint64_t{70000}, std::uint64_t{5}}) {
    d.sample(v);
  }
  // Sorted: 3, 5, 70000, 70000, 1000000, 2^40.
  CHECK(d.count() == 6);
  CHECK(d.sum() == 3 + 5 + 70000 + 70000 + 1000000 + huge);
  CHECK(d.min() == 3);
  CHECK(d.max() == huge);
  CHECK(d.percentile(33) == 5);        // rank ceil(1.98) = 2
  CHECK(d.percentile(50) == 70000);    // rank 3
  CHECK(d.percentile(66) == 70000);    // rank ceil(3.96) = 4
  CHECK(d.percentile(67) == 1000000);  // rank ceil(4.02) = 5
  CHECK(d.percentile(90) == huge);     // rank ceil(5.4) = 6
}

TEST_CASE("The dense/sparse boundary is seamless", "[distribution]") {
  Distribution d;
  d.sample(Distribution::kDenseLimit);
  d.sample(Distribution::kDenseLimit - 1);
  d.sample(0);
  CHECK(d.percentile(34) == Distribution::kDenseLimit - 1);
  CHECK(d.percentile(100) == Distribution::kDenseLimit);
  CHECK(d.percentile(33) == 0);
}

TEST_CASE("Weighted samples equal repeated samples", "[distribution]") {
  Distribution weighted;
  Distribution repeated;
  weighted.sample(7, 3);
  weighted.sample(100000, 2);
  weighted.sample(9, 0);
  for (int i = 0; i < 3; ++i) repeated.sample(7);
  for (int i = 0; i < 2; ++i) repeated.sample(100000);
  CHECK(weighted.count() == 5);
  CHECK(weighted.sum() == repeated.sum());
  CHECK(weighted.stddev() == repeated.stddev());
  CHECK(weighted.percentile(60) == 7);
  CHECK(weighted.percentile(61) == 100000);
  CHECK(weighted.max() == 100000);
}

TEST_CASE("Statistics do not depend on sampling order", "[distribution]") {
  std::vector<std::uint64_t> values;
  std::mt19937_64 rng(42);
  for (int i = 0; i < 5000; ++i) values.push_back(rng() % 200000);
  Distribution forward;
  for (std::uint64_t v : values) forward.sample(v);
  std::reverse(values.begin(), values.end());
  Distribution backward;
  for (std::uint64_t v : values) backward.sample(v);
  std::sort(values.begin(), values.end());
  CHECK(forward.stddev() == backward.stddev());
  CHECK(forward.mean() == backward.mean());
  for (double p : {1.0, 25.0, 50.0, 90.0, 99.0, 99.9}) {
    const auto rank = static_cast<std::size_t>(std::ceil(p * 5000 / 100));
    CHECK(forward.percentile(p) == values[rank - 1]);
    CHECK(backward.percentile(p) == values[rank - 1]);
  }
}

TEST_CASE("Percentile outside [0, 100] throws and reset empties", "[distribution]") {
  Distribution d;
  d.sample(4);
  d.sample(1 << 20);
  CHECK_THROWS_AS(d.percentile(-1), std::invalid_argument);
  CHECK_THROWS_AS(d.percentile(100.5), std::invalid_argument);
  CHECK_THROWS_AS(d.percentile(std::nan("")), std::invalid_argument);
  d.reset();
  CHECK(d.count() == 0);
  CHECK(d.max() == 0);
  CHECK(d.percentile(100) == 0);
  d.sample(2);
  CHECK(d.min() == 2);
  CHECK(d.percentile(100) == 2);
}
