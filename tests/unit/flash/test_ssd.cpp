#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "../memory/RunConfig.h"
#include "models/flash/ssd/SsdTrace.h"
#include "sim/cli/Commands.h"

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
  CHECK_THROWS_WITH(
      SsdTraceReader::parse("5 0 0 16 4\n", "t.trace", "ns"),
      Catch::StartsWith(
          "t.trace:1:10: expected type 0 (write), 1 (read), 2 (bitwise AND) or 3 (bitwise OR)"));
  CHECK_THROWS_WITH(SsdTraceReader::parse("5 0 0 16\n", "t.trace", "ns"),
                    Catch::Contains("expected 5 fields"));
}

// A flash device is driven only by its workload (it has no target port), so a run without one
// would simulate nothing: bad input, exit 2, naming what was expected.
TEST_CASE("flash preset run with no workload exits 2 naming the expected workloads") {
  for (const std::string preset : {"mqsim_mlc.yaml", "cambricon_llm_s.yaml"}) {
    cli::RunRequest r;
    r.config = XPUSIM_SOURCE_DIR "/configs/flash/" + preset;
    r.outDir = std::filesystem::temp_directory_path() / "xpusim_flash_no_workload";
    r.quiet = true;
    std::ostringstream out, err;
    INFO(preset);
    CHECK(cli::runCommand(r, out, err) == cli::kExitBadInput);
    CHECK_THAT(err.str(), Catch::Contains("no workload: flash_device needs --workload FILE") &&
                              Catch::Contains("MQSim ASCII trace") &&
                              Catch::Contains("model-shape YAML"));
    CHECK_FALSE(std::filesystem::exists(*r.outDir / "stats.json"));
  }
}

// Trace-driven bulk bitwise AND (type 2) of 4 operand pages (64 sectors = 4 x 8 KiB) on the
// MQSim device: one multi-word-line sensing, mws_sense_time 30 us (default, no per-operand
// time): read cmd 290 ns + 30 us + R/B 20 ns + setup 30 ns + the 8 KiB result page at 333 MT/s
// (24,600,601 ps) = 54,940,601 ps; then the result over PCIe Gen3 x4: 2,080,000 ps.
TEST_CASE("flash trace bitwise AND is one sensing plus the result page, to the picosecond") {
  auto run =
      test::runConfig(ssdConfig("b.trace"), {{"b.trace", "0 0 0 64 2\n2000000 0 4096 64 2\n"}});
  CHECK(run->stat("system.ssd.bitwise") == 2);
  CHECK(run->stat("system.ssd.requests") == 2);
  CHECK(run->stat("system.ssd.reads") == 0);
  CHECK(run->stat("system.ssd.bitwise_latency.min") == 54'940'601 + 2'080'000);
  CHECK(run->stat("system.ssd.bitwise_latency.max") == 54'940'601 + 2'080'000);
  // Only the result page crosses the channel and the host link, not the 4 operand pages.
  CHECK(run->stat("system.ssd.host_bandwidth") ==
        Approx(2 * 8192 / (2e-3 + (54'940'601 + 2'080'000) * 1e-12)));
}

// OR (type 3) over 3 blocks with 1 us per extra operand: sensing 30 + 2 x 1 = 32 us, so the
// latency is 2 us above the AND's: 57,020,601 + 2,000,000 ps.
TEST_CASE("flash trace bitwise OR pays the per-operand sensing time") {
  auto run = test::runConfig(ssdConfig("o.trace") + "    mws_time_per_operand: 1us\n",
                             {{"o.trace", "0 0 0 48 3\n"}});
  CHECK(run->stat("system.ssd.bitwise_latency.max") == 57'020'601 + 2'000'000);
}

TEST_CASE("flash trace bitwise requests beyond the sensing limits are input errors at the line") {
  auto err = [](const std::string& trace) {
    try {
      test::runConfig(ssdConfig("x.trace"), {{"x.trace", trace}});
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // 49 operand pages in one block: mws_max_wordlines = 48.
  CHECK_THAT(err("0 0 0 16 1\n10 0 0 784 2\n"),
             Catch::EndsWith("x.trace:2: a bitwise AND over 49 operand pages: one sensing "
                             "takes at most 48 (word lines of a block: mws_max_wordlines)"));
  // 5 blocks: mws_max_blocks = 4.
  CHECK_THAT(err("0 0 0 80 3\n"), Catch::Contains("x.trace:1: a bitwise OR over 5 operand "
                                                  "pages: one sensing takes at most 4"));
  // Not page aligned (8 KiB pages are 16 sectors).
  CHECK_THAT(err("0 0 8 16 2\n"),
             Catch::Contains("x.trace:1: a bitwise request covers whole operand pages of 8192 B: "
                             "LBA and size must be multiples of 16 sectors"));
}

TEST_CASE("flash example bitwise trace runs on the MQSim preset") {
  // workloads/flash/bitwise_8k.trace: AND of 4, OR of 3 and AND of 48 pages (the word-line
  // limit), each 54,940,601 + 2,080,000 ps as above (no per-operand time); two isolated reads.
  auto run = test::runConfig("workload: " XPUSIM_SOURCE_DIR
                             "/workloads/flash/bitwise_8k.trace\n"
                             "components:\n  ssd:\n    extends: " XPUSIM_SOURCE_DIR
                             "/configs/flash/mqsim_mlc_device.yaml\n");
  CHECK(run->stat("system.ssd.bitwise") == 3);
  CHECK(run->stat("system.ssd.reads") == 2);
  CHECK(run->stat("system.ssd.bitwise_latency.min") == 57'020'601);
  CHECK(run->stat("system.ssd.bitwise_latency.max") == 57'020'601);
  CHECK(run->stat("system.ssd.read_latency.max") == 99'940'601 + 2'080'000);
}
