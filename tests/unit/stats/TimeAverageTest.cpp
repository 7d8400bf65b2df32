// Time-weighted averages of piecewise-constant values, checked against hand integrals.
#include <catch2/catch.hpp>

#include "sim/stats/TimeAverage.h"

using xpusim::TimeAverage;

TEST_CASE("TimeAverage integrates value x time exactly", "[time_average]") {
  TimeAverage a;
  CHECK(a.average(0) == 0.0);
  CHECK(a.average(100) == 0.0);
  a.set(100, 4);                                     // 0 over [0, 100)
  a.set(300, 1);                                     // 4 over [100, 300) = 800
  CHECK(a.average(400) == (800.0 + 100.0) / 400.0);  // 1 over [300, 400)
  CHECK(a.value() == 1);
  CHECK(a.max() == 4);
  a.set(400, -2);
  CHECK(a.average(500) == (900.0 - 200.0) / 500.0);
}

TEST_CASE("TimeAverage does not overflow over long runs", "[time_average]") {
  TimeAverage a;
  a.set(0, 1'000'000'000);
  const xpusim::Tick hour = 3'600'000'000'000'000ULL;  // 1 h in ps: value x time > 2^64
  CHECK(a.average(hour) == 1e9);
}
