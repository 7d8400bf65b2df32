#include <catch2/catch.hpp>

#include "../memory/RunConfig.h"
#include "models/flash/ssd/SsdTrace.h"

using namespace xpusim;

namespace {
std::string ssdConfig(const std::string& trace) {
  return "workload: " + trace +
         "\ncomponents:\n  ssd:\n    extends: " XPUSIM_SOURCE_DIR
         "/configs/flash/mqsim_mlc_device.yaml\n";
}
}  // namespace

// B1: isolated 8 KiB read on MQSim's default device = cmd 290 ns + tR 75 us + R/B 20 ns +
// setup 30 ns + 8192 B at 333 MT/s (24,600,601 ps) = 99,940,601 ps at the flash. The host then
// receives 8 KiB over PCIe Gen3 x4: 8192 * 8 * 130/128 / 32 Gb/s = 2,080,000 ps.
TEST_CASE("flash isolated 8 KiB read on the MQSim device equals the ONFI formula") {
  auto run =
      test::runConfig(ssdConfig("r.trace"), {{"r.trace", "0 0 0 16 1\n2000000 0 4096 16 1\n"}});
  CHECK(run->stat("system.ssd.read_device_latency.min") == 99'940'601);
  CHECK(run->stat("system.ssd.read_device_latency.max") == 99'940'601);
  CHECK(run->stat("system.ssd.read_latency.max") == 99'940'601 + 2'080'000);
  CHECK(run->stat("system.ssd.reads") == 2);
}

// B2: isolated 8 KiB write = host 2,080,000 ps, then program cmd 361 ns + data-in 24,600,601
// ps + tPROG 750 us = 774,961,601 ps at the flash.
TEST_CASE("flash isolated 8 KiB write on the MQSim device equals the ONFI formula") {
  auto run =
      test::runConfig(ssdConfig("w.trace"), {{"w.trace", "0 0 64 16 0\n5000000 0 640 16 0\n"}});
  CHECK(run->stat("system.ssd.write_device_latency.min") == 774'961'601);
  CHECK(run->stat("system.ssd.write_device_latency.max") == 774'961'601);
  CHECK(run->stat("system.ssd.write_latency.max") == 774'961'601 + 2'080'000);
}

TEST_CASE("flash table FTL writes out of place and reads back from the table") {
  auto run = test::runConfig(ssdConfig("t.trace") + "    ftl: table\n",
                             {{"t.trace", "0 0 0 16 0\n1000000 0 0 16 0\n3000000 0 0 16 1\n"}});
  CHECK(run->stat("system.ssd.writes") == 2);
  CHECK(run->stat("system.ssd.reads") == 1);
}

TEST_CASE("flash SSD trace with a wrong time unit is an input error at its line and column") {
  using flash::SsdTraceReader;
  CHECK_THROWS_WITH(
      SsdTraceReader::parse("0 0 0 16 1\n1.5 0 0 16 1\n", "t.trace", "ns"),
      Catch::StartsWith("t.trace:2:1: arrival time '1.5' is not an integer count of ns"));
  CHECK_THROWS_WITH(SsdTraceReader::parse("# c\n  10us 0 0 16 1\n", "t.trace", "ns"),
                    Catch::StartsWith("t.trace:2:3: arrival time '10us'"));
  CHECK(SsdTraceReader::parse("10us 0 0 16 1\n", "t.trace", "us")[0].arrival == 10'000'000);
  CHECK_THROWS_WITH(SsdTraceReader::parse("5 0 0 16 1\n4 0 0 16 1\n", "t.trace", "ns"),
                    Catch::Contains("t.trace:2:1: arrival times must not decrease"));
  CHECK_THROWS_WITH(SsdTraceReader::parse("5 0 0 16 2\n", "t.trace", "ns"),
                    Catch::StartsWith("t.trace:1:10: expected type 0 (write) or 1 (read)"));
  CHECK_THROWS_WITH(SsdTraceReader::parse("5 0 0 16\n", "t.trace", "ns"),
                    Catch::Contains("expected 5 fields"));
}
