// The PCU-lane RTL adapter (rtl_pcu_lane): the Verilated lane as an engine component, exact in
// cycles (the lane's timing law), values (zero mismatches against the dataflow model's stream)
// and simulated time (cycles x clock period); bad cases rejected at the parameter they name.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

#include "../memory/RunConfig.h"
#include "rtl/dataflow/PcuCosim.h"
#include "sim/core/ComponentInfo.h"
#include "sim/core/Random.h"

using namespace xpusim;

namespace {

/// A one-lane config: `lines` are the component's parameter lines ("stages: 3", ...).
std::string laneConfig(const std::string& lines, const std::string& top = "") {
  return fmt::format("{}components:\n  lane:\n    type: rtl_pcu_lane\n{}", top, lines);
}

std::string errorOf(const std::string& lines) {
  try {
    test::runConfig(laneConfig(lines));
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

/// The run drained with every one of `tokens` results taken, none differing from the model's.
void requireExact(const test::Run& run, double tokens) {
  REQUIRE(run.result.drained);
  CHECK(run.stat("system.lane.results") == tokens);
  CHECK(run.stat("system.lane.mismatches") == 0);
}

}  // namespace

TEST_CASE("rtl pcu component: describe declares the clock, the case options and the stats") {
  const ComponentInfo* info = ComponentRegistry::find("rtl_pcu_lane");
  REQUIRE(info != nullptr);
  bool clocked = false;
  for (const auto& p : info->params) clocked |= p.name == "clock" && p.type == ParamType::kClock;
  CHECK(clocked);
  for (const char* name : {"stages", "program", "ii", "tokens", "values", "input_depth",
                           "output_depth", "input_gap", "stall_pattern"}) {
    INFO(name);
    bool found = false;
    for (const auto& p : info->params) found |= p.name == name;
    CHECK(found);
  }
  REQUIRE(info->stats.size() == 3);
  CHECK(info->stats[0].name == "cycles");
  CHECK(info->stats[1].name == "results");
  CHECK(info->stats[2].name == "mismatches");
}

TEST_CASE("rtl pcu component: the issue-7 template config, fma on 3 stages, 32 ramp tokens") {
  // Without gaps or stalls token i is accepted at cycle i, fires at 1 + i x ii, is written into
  // the output FIFO `stages` cycles later and taken the cycle after: the last token (tokens -
  // 1) is taken at (tokens - 1) x ii + stages + 2, so cycles = (tokens - 1) x ii + stages + 3 =
  // 31 + 3 + 3 = 37; 1 GHz: 1000 ps per cycle.
  auto run = std::make_unique<test::Run>();
  run->sim = std::make_unique<Simulation>(
      ConfigLoader::loadFile(std::string(XPUSIM_SOURCE_DIR) + "/configs/rtl/pcu_lane.yaml"));
  run->result = run->sim->run();
  CHECK(run->stat("system.lane.cycles") == 37);
  requireExact(*run, 32);
  CHECK(run->stat("system.sim_ticks") == 37 * 1000);
}

TEST_CASE("rtl pcu component: random program and values, ii 3 on 6 stages, at 500 MHz") {
  // The values and the program do not change the timing: (10 - 1) x 3 + 6 + 3 = 36 cycles
  // (ii 3 allows 6 / 3 + 1 = 3 results in flight, and only 2 ever are). 500 MHz: 2000 ps.
  auto run = test::runConfig(laneConfig(
      "    clock: 500MHz\n    stages: 6\n    ii: 3\n    tokens: 10\n    program: random\n"
      "    values: random\n",
      "seed: 5\n"));
  CHECK(run->stat("system.lane.cycles") == 36);
  requireExact(*run, 10);
  CHECK(run->stat("system.sim_ticks") == 36 * 2000);
}

TEST_CASE("rtl pcu component: back-pressure from a consumer ready one cycle in three") {
  // 4 stages, output FIFO of 1, consumer ready on cycles 2, 5, 8, ... ("ssr"). Result 0 is
  // written at 1 + 4 = 5, visible at 6, taken at 8; each take frees the slot for the next,
  // taken 3 cycles later: result j at 8 + 3 j, the last (23) at 77: 78 cycles.
  auto run = test::runConfig(
      laneConfig("    stages: 4\n    tokens: 24\n    output_depth: 1\n    stall_pattern: ssr\n"
                 "    program: mul(in0,in1);add(prev,#5);max(prev,in1)\n"));
  CHECK(run->stat("system.lane.cycles") == 78);
  requireExact(*run, 24);
  CHECK(run->stat("system.sim_ticks") == 78 * 1000);
}

TEST_CASE("rtl pcu component: seeded gaps and random stalls, the cosim case of the same seed") {
  // The component seeds its case with one draw of its random stream (run seed 9, path
  // system.lane), so `xpusim cosim pcu --seed` with that seed and the same options is the same
  // case: its model and RTL cycles are the component's.
  auto run = test::runConfig(
      laneConfig("    stages: 5\n    ii: 2\n    tokens: 40\n    input_depth: 2\n"
                 "    output_depth: 3\n    input_gap: 3\n    stall_pattern: random:40\n",
                 "seed: 9\n"));
  requireExact(*run, 40);
  rtl::PcuCosimCase c;
  c.lane.stages = 5;
  c.lane.ii = 2;
  c.lane.tokens = 40;
  c.lane.inputDepth = 2;
  c.lane.outputDepth = 3;
  c.inputGap = 3;
  c.seed = Random(9, "system.lane").next();
  REQUIRE(rtl::preparePcuCase(c, "random:40").empty());
  const rtl::PcuCosimResult r = rtl::runPcuCosim(c);
  REQUIRE(r.ok());
  // Gaps and stalls only delay: at least the unstalled law's (40 - 1) x 2 + 5 + 3 = 86.
  CHECK(r.modelCycles > 86);
  CHECK(run->stat("system.lane.cycles") == r.modelCycles);
  CHECK(run->stat("system.sim_ticks") == r.modelCycles * 1000.0);
}

TEST_CASE("rtl pcu component: a run stopped by stop_at checks the results it reached") {
  // The template at 1 GHz stopped at 20 ns: edges 0, 1, ..., 20 ns = 21 RTL cycles; result i
  // is taken at i + 5 <= 20, so 16 results. The run did not drain: no failure.
  auto run = test::runConfig(
      laneConfig("    program: fma(in0,in1,in2)\n    values: ramp\n", "stop_at: 20ns\n"));
  CHECK_FALSE(run->result.drained);
  CHECK(run->stat("system.lane.cycles") == 21);
  CHECK(run->stat("system.lane.results") == 16);
  CHECK(run->stat("system.lane.mismatches") == 0);
}

TEST_CASE("rtl pcu component: bad cases are input errors at the parameter they name") {
  const std::string program = errorOf("    stages: 2\n    program: div(in0,in1)\n");
  CHECK(program.find("system.lane: 'program' = 'div(in0,in1)': --program 'div(in0,in1)': "
                     "stage 1 'div(in0,in1)': op must be pass, add") != std::string::npos);
  const std::string longer = errorOf("    stages: 1\n    program: add(in0,in1);mul(prev,#2)\n");
  CHECK(longer.find("'program' = 'add(in0,in1);mul(prev,#2)': --program has 2 stages, more "
                    "than --stages 1") != std::string::npos);
  CHECK(errorOf("    stages: 9\n").find("'stages' = '9': --stages 9: the lane has 1 to 8") !=
        std::string::npos);
  CHECK(errorOf("    ii: 16\n").find("'ii' = '16': --ii 16: 1 to 15") != std::string::npos);
  CHECK(errorOf("    input_depth: 9\n").find("'input_depth' = '9': --input-depth 9: 1 to 8") !=
        std::string::npos);
  CHECK(errorOf("    tokens: 0\n").find("'tokens' = '0': --tokens must be >= 1") !=
        std::string::npos);
  CHECK(errorOf("    stall_pattern: ss\n")
            .find("'stall_pattern' = 'ss': --stall-pattern 'ss': expected none") !=
        std::string::npos);
  CHECK(errorOf("    stall_pattern: random:100\n").find("'stall_pattern' = 'random:100'") !=
        std::string::npos);
}
