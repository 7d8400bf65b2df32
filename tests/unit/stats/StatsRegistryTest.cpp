#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/stats/Distribution.h"
#include "sim/stats/StatsRegistry.h"

using xpusim::Distribution;
using xpusim::StatsRegistry;

namespace {

/// A tiny component tree whose members are registered by reference.
struct SmallSystem {
  std::uint64_t reads = 5;
  double energy = 0.25;
  Distribution latency;
  std::vector<std::uint64_t> conflicts{1, 2, 3};
  std::uint64_t bytes = 1000;
  StatsRegistry stats;

  SmallSystem() {
    for (std::uint64_t v : {2, 4, 4, 10}) latency.sample(v);
    stats.addCounter("system.sram.reads", reads, "count", "Read requests");
    stats.addScalar("system.sram.energy", energy, "J", "Dynamic energy");
    stats.addDistribution("system.sram.latency", latency, "cycles", "Read latency");
    stats.addVector("system.sram.bank_conflicts", conflicts, "count", "Conflicts per bank");
    stats.addCounter("system.bytes", bytes, "B", "");
    stats.addFormula(
        "system.bandwidth", [this] { return static_cast<double>(bytes) / 2.0; }, "",
        "Bytes per ns");
  }
};

template <class Writer>
std::string dump(Writer write) {
  std::ostringstream out;
  write(out);
  return out.str();
}

}  // namespace

TEST_CASE("Text dump is gem5-style with aligned columns", "[stats]") {
  SmallSystem s;
  const std::string expected =
      "---------- Begin Simulation Statistics ----------\n"
      "system.sram.reads                  5     # Read requests (count)\n"
      "system.sram.energy                 0.25  # Dynamic energy (J)\n"
      "system.sram.latency.count          4     # Read latency: number of samples (count)\n"
      "system.sram.latency.mean           5     # Read latency: mean (cycles)\n"
      "system.sram.latency.min            2     # Read latency: minimum (cycles)\n"
      "system.sram.latency.max            10    # Read latency: maximum (cycles)\n"
      "system.sram.latency.p50            4     # Read latency: 50th percentile (cycles)\n"
      "system.sram.latency.p90            10    # Read latency: 90th percentile (cycles)\n"
      "system.sram.latency.p99            10    # Read latency: 99th percentile (cycles)\n"
      "system.sram.latency.stddev         3     # Read latency: standard deviation (cycles)\n"
      "system.sram.bank_conflicts::0      1     # Conflicts per bank (count)\n"
      "system.sram.bank_conflicts::1      2     # Conflicts per bank (count)\n"
      "system.sram.bank_conflicts::2      3     # Conflicts per bank (count)\n"
      "system.sram.bank_conflicts::total  6     # Conflicts per bank: total (count)\n"
      "system.bytes                       1000  # (B)\n"
      "system.bandwidth                   500   # Bytes per ns\n"
      "---------- End Simulation Statistics   ----------\n";
  CHECK(dump([&](std::ostream& o) { s.stats.writeText(o); }) == expected);
}

TEST_CASE("JSON dump nests by component in registration order", "[stats]") {
  SmallSystem s;
  const std::string expected = R"({
  "system": {
    "sram": {
      "reads": 5,
      "energy": 0.25,
      "latency": {
        "count": 4,
        "mean": 5.0,
        "min": 2,
        "max": 10,
        "p50": 4,
        "p90": 10,
        "p99": 10,
        "stddev": 3.0
      },
      "bank_conflicts": [
        1,
        2,
        3
      ]
    },
    "bytes": 1000,
    "bandwidth": 500.0
  }
}
)";
  const std::string text = dump([&](std::ostream& o) { s.stats.writeJson(o); });
  CHECK(text == expected);
  const auto parsed = nlohmann::json::parse(text);
  CHECK(parsed["system"]["sram"]["reads"].is_number_unsigned());
  CHECK(parsed["system"]["sram"]["latency"]["mean"].is_number_float());
}

TEST_CASE("CSV dump is one header and one row", "[stats]") {
  SmallSystem s;
  const std::string header =
      "system.sram.reads,system.sram.energy,system.sram.latency.count,system.sram.latency.mean,"
      "system.sram.latency.min,system.sram.latency.max,system.sram.latency.p50,"
      "system.sram.latency.p90,system.sram.latency.p99,system.sram.latency.stddev,"
      "system.sram.bank_conflicts::0,system.sram.bank_conflicts::1,system.sram.bank_conflicts::2,"
      "system.sram.bank_conflicts::total,system.bytes,system.bandwidth\n";
  const std::string row = "5,0.25,4,5,2,10,4,10,10,3,1,2,3,6,1000,500\n";
  CHECK(dump([&](std::ostream& o) { s.stats.writeCsv(o); }) == header + row);
  CHECK(dump([&](std::ostream& o) { s.stats.writeCsvHeader(o); }) == header);
  CHECK(dump([&](std::ostream& o) { s.stats.writeCsvRow(o); }) == row);
}

TEST_CASE("Values are read at dump time, formulas evaluated then", "[stats]") {
  SmallSystem s;
  s.bytes = 3;
  s.reads = 42;
  s.conflicts.push_back(10);
  s.latency.sample(1000000);
  CHECK(s.stats.value("system.bandwidth") == 1.5);
  CHECK(s.stats.value("system.sram.reads") == 42.0);
  CHECK(s.stats.value("system.sram.bank_conflicts::3") == 10.0);
  CHECK(s.stats.value("system.sram.bank_conflicts::total") == 16.0);
  CHECK(s.stats.value("system.sram.latency.max") == 1000000.0);
  CHECK(s.stats.value("system.sram.latency.p50") == 4.0);
  CHECK(s.stats.value("system.sram.energy") == 0.25);
  const std::string row = dump([&](std::ostream& o) { s.stats.writeCsvRow(o); });
  CHECK(row ==
        "42,0.25,5,200004,2,1000000,4,1000000,1000000,399998.00000900007,1,2,3,10,16,3,1.5\n");
}

TEST_CASE("Lookup of absent names throws", "[stats]") {
  SmallSystem s;
  CHECK(s.stats.has("system.sram.latency.p99"));
  CHECK(s.stats.has("system.sram.bank_conflicts::2"));
  CHECK_FALSE(s.stats.has("system.sram"));
  CHECK_FALSE(s.stats.has("system.sram.latency"));
  CHECK_FALSE(s.stats.has("system.sram.latency.p95"));
  CHECK_FALSE(s.stats.has("system.sram.bank_conflicts::3"));
  CHECK_FALSE(s.stats.has("system.sram.bank_conflicts::x"));
  CHECK_FALSE(s.stats.has("system.sram.reads.count"));
  CHECK_THROWS_AS(s.stats.value("system.sram.nope"), std::out_of_range);
  CHECK_THROWS_AS(s.stats.value("system.sram.latency"), std::out_of_range);
  CHECK_THROWS_AS(s.stats.value("system.sram.bank_conflicts::-1"), std::out_of_range);
}

TEST_CASE("Duplicate, prefix and malformed paths throw", "[stats]") {
  StatsRegistry r;
  std::uint64_t c = 0;
  r.addCounter("a.b", c, "count", "");
  CHECK_THROWS_AS(r.addCounter("a.b", c, "count", ""), std::logic_error);
  CHECK_THROWS_AS(r.addFormula(
                      "a.b", [] { return 1.0; }, "", ""),
                  std::logic_error);
  CHECK_THROWS_AS(r.addCounter("a.b.c", c, "count", ""), std::logic_error);
  CHECK_THROWS_AS(r.addCounter("a", c, "count", ""), std::logic_error);
  r.addCounter("a.bc", c, "count", "");
  r.addCounter("a.b_c.d", c, "count", "");
  CHECK_THROWS_AS(r.addCounter("a.b_c", c, "count", ""), std::logic_error);
  for (const char* bad : {"", ".x", "x.", "x..y", "x y", "x,y", "x#y", "x::y", "x\"y"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(r.addCounter(bad, c, "count", ""), std::logic_error);
  }
  CHECK_THROWS_AS(r.addFormula("f", nullptr, "", ""), std::logic_error);
  CHECK(r.size() == 3);
}

TEST_CASE("Non-finite doubles become null in JSON", "[stats]") {
  StatsRegistry r;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  r.addScalar("x.nan", nan, "", "");
  r.addFormula(
      "x.inf", [&] { return inf; }, "", "");
  const auto parsed = nlohmann::json::parse(dump([&](std::ostream& o) { r.writeJson(o); }));
  CHECK(parsed["x"]["nan"].is_null());
  CHECK(parsed["x"]["inf"].is_null());
  CHECK(dump([&](std::ostream& o) { r.writeCsvRow(o); }) == "nan,inf\n");
}

TEST_CASE("An empty registry dumps empty structures", "[stats]") {
  const StatsRegistry r;
  CHECK(dump([&](std::ostream& o) { r.writeJson(o); }) == "{}\n");
  CHECK(dump([&](std::ostream& o) { r.writeText(o); }) ==
        "---------- Begin Simulation Statistics ----------\n"
        "---------- End Simulation Statistics   ----------\n");
}
