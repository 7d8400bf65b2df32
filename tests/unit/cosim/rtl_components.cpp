// The RTL adapters: each Verilated block as an engine component, run from its example config
// (configs/rtl/), exact in cycles (the block's cycle law), values (zero mismatches against the
// model) and simulated time (cycles x clock period); and RTL beside a model in one simulation.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

#include "../memory/RunConfig.h"
#include "models/pim/BankUnitProgram.h"
#include "models/pim/BankUnitStream.h"
#include "sim/core/ComponentInfo.h"

using namespace xpusim;

namespace {

std::string configPath(const std::string& name) {
  return std::string(XPUSIM_SOURCE_DIR) + "/configs/rtl/" + name;
}

/// Runs configs/rtl/`name` as it is.
std::unique_ptr<test::Run> runFile(const std::string& name) {
  auto run = std::make_unique<test::Run>();
  run->sim = std::make_unique<Simulation>(ConfigLoader::loadFile(configPath(name)));
  run->result = run->sim->run();
  return run;
}

/// The run drained and its simulated time is `cycles` periods of `periodPs`.
void requireTime(const test::Run& run, double cycles, double periodPs) {
  REQUIRE(run.result.drained);
  CHECK(run.stat("system.sim_ticks") == cycles * periodPs);
}

std::string errorOf(const std::string& yaml) {
  try {
    test::runConfig(yaml);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("rtl components: describe lists every adapter type") {
  for (const char* type : {"rtl_systolic_array", "rtl_input_encoder", "rtl_aim_bank_unit",
                           "rtl_page_buffer_unit", "rtl_pcu_lane"}) {
    INFO(type);
    const ComponentInfo* info = ComponentRegistry::find(type);
    REQUIRE(info != nullptr);
    bool clocked = false;
    for (const auto& p : info->params) clocked |= p.name == "clock" && p.type == ParamType::kClock;
    CHECK(clocked);
  }
}

TEST_CASE("rtl components: systolic array config, ws 3x5 on 7x9x11") {
  // sr = ceil(K 11 / R 3) = 4 row folds, sc = ceil(N 9 / C 5) = 2 column folds, T = M = 7:
  // 8 folds of 2R + C + T - 2 = 6 + 5 + 7 - 2 = 16 cycles = 128; 1 GHz: 1000 ps per cycle.
  auto run = runFile("systolic_array.yaml");
  CHECK(run->stat("system.rtl.cycles") == 128);
  CHECK(run->stat("system.rtl.mismatches") == 0);
  // Partial sums: T x used columns (5 + 4) per row fold x 4 row folds = 252.
  CHECK(run->stat("system.rtl.results") == 252);
  requireTime(*run, 128, 1000);
}

TEST_CASE("rtl components: input encoder config, signed 6-bit planes on a 48-mirror DMD") {
  // 100 features in 37 columns from row 1: ceil(100 / 37) = 3 active rows, height 4; planes
  // 2 x 6 = 12. Per vector ceil(100 / 4) = 25 beats + 12 x 4 row words = 73 cycles; 2 vectors
  // = 146 cycles, 96 row words; 100 MHz: 10000 ps per cycle.
  auto run = runFile("input_encoder.yaml");
  CHECK(run->stat("system.enc.cycles") == 146);
  CHECK(run->stat("system.enc.row_words") == 96);
  CHECK(run->stat("system.enc.mismatches") == 0);
  requireTime(*run, 146, 10000);
}

TEST_CASE("rtl components: AiM bank unit config, 300 random commands on the AiM timing") {
  // The cycle law of the bank unit is the model's command timing: the same sequence (the run's
  // stream for system.pim, seed 1) through bankUnitStream gives the cycles: the last record's
  // cycle + 1. The clock is the preset's tCK.
  auto run = runFile("aim_bank_unit.yaml");
  const BankUnitDevice device =
      BankUnitDevice::load(std::string(XPUSIM_SOURCE_DIR) + "/configs/pim/gddr6_aim.yaml");
  Random random(1, "system.pim");
  const auto commands = randomBankUnitProgram(device.dram.org, 300, random);
  const cosim::Stream model = bankUnitStream(device, commands, device.int8Timing());
  const Cycle cycles = model.records.back().cycle + 1;
  std::uint64_t results = 0;
  for (const auto& r : model.records) results += r.port != kBankUnitCommandPort;
  CHECK(run->stat("system.pim.cycles") == cycles);
  CHECK(run->stat("system.pim.commands") == 300);
  CHECK(run->stat("system.pim.results") == results);
  CHECK(results > 0);
  CHECK(run->stat("system.pim.mismatches") == 0);
  requireTime(*run, cycles, device.dram.timing.tCK);
}

TEST_CASE("rtl components: page-buffer unit config, 2 MAC pages with on-die ECC") {
  // 1 KiB pages of 64 B rows on 4-byte words: V = 16 vector words + M = 256 weight words + 2
  // = 274 cycles per page, 2 pages = 548 cycles; 16 row sums per page = 32 results; 250 MHz:
  // 4000 ps per cycle.
  auto run = runFile("page_buffer_unit.yaml");
  CHECK(run->stat("system.pb.cycles") == 548);
  CHECK(run->stat("system.pb.commands") == 2);
  CHECK(run->stat("system.pb.results") == 32);
  CHECK(run->stat("system.pb.mismatches") == 0);
  requireTime(*run, 548, 4000);
}

TEST_CASE("rtl components: page-buffer unit, bitwise AND over 3 operands") {
  // N = 512 B / 4 = 128 words x K = 3 operands + 1 = 385 cycles, 128 result words; 1 GHz.
  auto run = test::runConfig(
      "components:\n  pb:\n    type: rtl_page_buffer_unit\n    clock: 1GHz\n    op: and\n"
      "    page_bytes: 512B\n    operands: 3\n");
  CHECK(run->stat("system.pb.cycles") == 385);
  CHECK(run->stat("system.pb.results") == 128);
  CHECK(run->stat("system.pb.mismatches") == 0);
  requireTime(*run, 385, 1000);
}

TEST_CASE("rtl components: RTL and model in one simulation both finish with equal cycles") {
  // ws 5x7, 13x17x19: sr = ceil(19 / 5) = 4, sc = ceil(17 / 7) = 3, T = 13: 12 folds of
  // 10 + 7 + 13 - 2 = 28 cycles = 336, for the RTL and for the model's physical timing.
  auto run = runFile("mixed_systolic.yaml");
  CHECK(run->stat("system.rtl.cycles") == 336);
  CHECK(run->stat("system.rtl.mismatches") == 0);
  CHECK(run->stat("system.array.total_cycles") == 336);
  requireTime(*run, 336, 1000);
}

TEST_CASE("rtl components: a run stopped by stop_at checks the results it reached") {
  // Threshold, 100 features on 64-mirror rows: 2 rows, 1 plane; per vector 25 beats + 2 row
  // words = 27 cycles. 100 MHz, stop at 500 ns: edges 0, 10, ..., 500 ns = 51 RTL cycles:
  // vector 0 whole (2 row words), then 24 of vector 1's 25 beats. The run did not drain, so
  // the missing row words are no failure and none of those written is wrong.
  auto run = test::runConfig(
      "stop_at: 500ns\ncomponents:\n  enc:\n    type: rtl_input_encoder\n    clock: 100MHz\n"
      "    features: 100\n    vectors: 2\n");
  CHECK_FALSE(run->result.drained);
  CHECK(run->stat("system.enc.cycles") == 51);
  CHECK(run->stat("system.enc.row_words") == 2);
  CHECK(run->stat("system.enc.mismatches") == 0);
}

TEST_CASE("rtl components: bad cases are input errors at the parameter they name") {
  const std::string enc =
      errorOf("components:\n  enc:\n    type: rtl_input_encoder\n    features: 2000\n");
  CHECK(enc.find("system.enc: 'features' = '2000': --features must be 1 to 1024") !=
        std::string::npos);
  const std::string pb =
      errorOf("components:\n  pb:\n    type: rtl_page_buffer_unit\n    page_bytes: 510B\n");
  CHECK(pb.find("'page_bytes' = '510B': --page-bytes 510: expected a multiple of 4") !=
        std::string::npos);
  const std::string sensing = errorOf(
      "components:\n  pb:\n    type: rtl_page_buffer_unit\n    op: or\n    page_bytes: 64B\n"
      "    operands: 5\n");
  CHECK(sensing.find("'operands' = '5': ") != std::string::npos);
  CHECK(sensing.find("5 blocks, at most 4 per sensing") != std::string::npos);
  const std::string pim =
      errorOf(fmt::format("components:\n  pim:\n    type: rtl_aim_bank_unit\n    preset: "
                          "{}/configs/pim/hbm2_pim.yaml\n",
                          XPUSIM_SOURCE_DIR));
  CHECK(pim.find("global buffer holds 2048 bytes") != std::string::npos);
}
