// Co-simulation of the dataflow model's PCU lane against its Verilated RTL (pcu_lane.sv).
#include <catch2/catch.hpp>

#include "models/dataflow/cosim/LaneStream.h"
#include "rtl/dataflow/PcuCosim.h"

using namespace xpusim;
using namespace xpusim::rtl;
using dataflow::kLaneInPort;
using dataflow::kLaneOutPort;
using dataflow::kLaneResultPort;

namespace {

/// The DAM pcu_test: three ramp generators (a_i = i, b_i = 32 + i, c_i = 64 + i) into a
/// 3-stage (a * b) + c pipeline, FIFOs of capacity 8, the consumer always ready.
PcuCosimCase templateCase() {
  PcuCosimCase c;
  c.lane.stages = 3;
  c.lane.tokens = 32;
  c.programText = "fma(in0,in1,in2)";
  c.values = "ramp";
  c.prepare();
  return c;
}

PcuCosimResult requireExact(const PcuCosimCase& c) {
  REQUIRE(c.lane.validate().empty());
  const PcuCosimResult r = runPcuCosim(c);
  INFO(reproduceCommand(c, 0));
  INFO(r.check.diff);
  REQUIRE(r.check.match);
  REQUIRE(r.modelCycles == r.rtlCycles);
  return r;
}

}  // namespace

TEST_CASE("cosim pcu: the (a*b)+c template, outputs i*(32+i)+(64+i) at ingress + 3, II = 1") {
  const PcuCosimCase c = templateCase();
  const PcuCosimResult r = requireExact(c);
  // Token i is written into the input FIFOs at cycle i and fires at i + 1 (L = 1); the result
  // leaves stage 3 and is written at ingress + 3 = i + 4 and taken at i + 5: 31 + 5 + 1 = 37.
  CHECK(r.rtlCycles == 37);
  const cosim::Stream model = dataflow::modelLaneStream(c.lane);
  std::size_t results = 0, outs = 0, ins = 0;
  for (const auto& rec : model.records) {
    if (rec.port == kLaneInPort) {
      // Input k's token i (value 32 k + i) is accepted at cycle i.
      CHECK(rec.value == 32 * rec.lane + static_cast<std::int64_t>(rec.cycle));
      ++ins;
      continue;
    }
    const std::uint64_t i = rec.port == kLaneResultPort ? results++ : outs++;
    INFO("token " << i);
    CHECK(rec.value == static_cast<std::int64_t>(i * (32 + i) + (64 + i)));
    CHECK(rec.cycle == i + (rec.port == kLaneResultPort ? 4 : 5));
  }
  CHECK(ins == 96);
  CHECK(results == 32);
  CHECK(outs == 32);
}

TEST_CASE("cosim pcu: 240 randomised programs, II, depths, input gaps and stalls, exact") {
  // Stages 1-8, II 1-4 (and 15), 1-60 tokens, FIFO depths 1-8, random programs of 1-3 inputs,
  // input gaps up to 3 cycles, consumers always ready, periodic or randomly stalled. Every
  // case must give identical streams, and the taken values must be the program's values.
  Random pick(7, "cosim.pcu.cases");
  const char* const stalls[] = {"none", "rs", "rrrs", "ssr", "random:30", "random:70"};
  for (int n = 0; n < 240; ++n) {
    PcuCosimCase c;
    c.seed = pick.next();
    c.lane.stages = static_cast<std::uint32_t>(1 + pick.below(8));
    c.lane.ii = n % 40 == 39 ? 15 : static_cast<std::uint32_t>(1 + pick.below(4));
    c.lane.tokens = 1 + pick.below(60);
    c.lane.inputDepth = static_cast<std::uint32_t>(1 + pick.below(8));
    c.lane.outputDepth = static_cast<std::uint32_t>(1 + pick.below(8));
    c.inputGap = static_cast<std::uint32_t>(pick.below(4));
    c.lane.stall = dataflow::StallPattern::parse(stalls[pick.below(6)], c.seed);
    c.prepare();
    INFO("case " << n);
    requireExact(c);
    const cosim::Stream model = dataflow::modelLaneStream(c.lane);
    std::uint64_t j = 0;
    for (const auto& rec : model.records) {
      if (rec.port != kLaneOutPort) continue;
      const double in[3] = {static_cast<double>(c.lane.values[0][j]),
                            static_cast<double>(c.lane.values[1][j]),
                            static_cast<double>(c.lane.values[2][j])};
      REQUIRE(rec.value == static_cast<std::int64_t>(c.lane.program.evaluate(in)));
      ++j;
    }
    REQUIRE(j == c.lane.tokens);
  }
}

TEST_CASE("cosim pcu: back-pressure holds results in order and limits the firings") {
  // A 4-stage lane, output FIFO of 1, consumer ready one cycle in three ("ssr": cycles 2, 5,
  // 8, ...). Result 0: inputs written at 0, fired at 1, written into the output FIFO at 1 + 4
  // = 5, visible at 6, taken at the next ready cycle, 8. Each take frees the slot at t + 1 for
  // the waiting result, visible at t + 2, taken at t + 3: result j at 8 + 3 j, the last (23)
  // at 77, so 78 cycles. With II = 3 (at most 4 / 3 + 1 = 2 in flight) result j is ready at
  // 5 + 3 j, still in time: the same 78. The exact streams must agree in both.
  for (std::uint32_t ii : {1u, 3u}) {
    PcuCosimCase c;
    c.lane.stages = 4;
    c.lane.ii = ii;
    c.lane.tokens = 24;
    c.lane.outputDepth = 1;
    c.lane.stall = dataflow::StallPattern::parse("ssr", 1);
    c.programText = "mul(in0,in1);add(prev,#5);max(prev,in1)";
    c.prepare();
    const PcuCosimResult r = requireExact(c);
    CHECK(r.rtlCycles == 78);
  }
}

TEST_CASE("cosim pcu: a model delayed by one cycle is caught at the first differing record") {
  PcuCosimCase c = templateCase();
  c.modelDelayFrom = 10;
  const PcuCosimResult r = runPcuCosim(c);
  REQUIRE_FALSE(r.check.match);
  // Stream order per cycle: in[0..2], result, out. Cycles 0-9 hold 3 x 10 inputs, results of
  // cycles 4-9 (6) and outputs of cycles 5-9 (5): records 0..40. Record 41 is input 0's token
  // 10 at cycle 10 in the RTL; the delayed model puts it at cycle 11.
  INFO(r.check.diff);
  CHECK(r.check.diff.find("first difference at record 41:") != std::string::npos);
  CHECK(r.check.diff.find("model cycle 11 in[0] = 10 but rtl cycle 10 in[0] = 10") !=
        std::string::npos);
  CHECK(r.check.diff.find("xpusim cosim pcu --stages 3 --ii 1 --program 'fma(in0,in1,in2)' "
                          "--tokens 32 --values ramp --seed 1") != std::string::npos);
}

TEST_CASE("cosim pcu: lane programs parse, print and reject malformed text") {
  const auto p = dataflow::LaneProgram::parse("fma(in0, in1, #-3); max(prev,in2)");
  CHECK(p.text() == "fma(in0,in1,#-3);max(prev,in2)");
  CHECK(p.inputs() == 3);
  CHECK(p.flops() == 3);
  const double in[3] = {4, 5, 30};
  CHECK(p.evaluate(in) == 30);  // max(4 * 5 - 3, 30)
  CHECK_THROWS_WITH(dataflow::LaneProgram::parse("add(prev,in0)"),
                    Catch::Contains("stage 1 has no previous stage"));
  CHECK_THROWS_WITH(dataflow::LaneProgram::parse("add(in0)"),
                    Catch::Contains("add takes 2 operands, got 1"));
  CHECK_THROWS_WITH(dataflow::LaneProgram::parse("add(in0,#1);mul(prev,x)"),
                    Catch::Contains("stage 2 'mul(prev,x)': operand 'x' must be"));
  CHECK_THROWS_WITH(dataflow::LaneProgram::parse("pass(#4)"),
                    Catch::Contains("must read at least one input"));
}
