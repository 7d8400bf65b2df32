#include "rtl/dataflow/PcuCosim.h"

#include <Vpcu_lane.h>
#include <Vpcu_lane_traced.h>
#include <fmt/format.h>

#include <stdexcept>

#include "models/dataflow/cosim/LaneStream.h"
#include "rtl/dataflow/PcuLaneRtlDriver.h"

namespace xpusim::rtl {

namespace {

template <class V>
PcuCosimResult run(const PcuCosimCase& c) {
  PcuCosimResult res;
  Stopwatch watch;
  const cosim::Stream model = dataflow::modelLaneStream(c.lane, c.modelDelayFrom);
  res.modelCycles = streamCycles(model);
  res.modelSeconds = watch.seconds();

  watch = Stopwatch();
  PcuLaneRtlDriver<V> rtl(c.lane, c.wave);
  while (rtl.step()) {
  }
  res.rtlCycles = rtl.cycles();
  res.hung = rtl.hung();
  res.rtlSeconds = watch.seconds();

  res.check = cosim::compareStreams(model, rtl.stream(), cosim::CheckMode::kExact,
                                    [&](Cycle at) { return reproduceCommand(c, at); });
  return res;
}

}  // namespace

void PcuCosimCase::prepare() {
  if (programText == "random") {
    Random random(seed, "cosim.pcu.program");
    const auto inputs = static_cast<std::uint32_t>(1 + random.below(dataflow::kLaneInputs));
    lane.program = dataflow::randomLaneProgram(lane.stages, inputs, random);
  } else {
    lane.program = dataflow::LaneProgram::parse(programText);
  }
  lane.fill(values, inputGap, seed);
}

std::string preparePcuCase(PcuCosimCase& c, const std::string& stall) {
  try {
    c.lane.stall = dataflow::StallPattern::parse(stall, c.seed);
  } catch (const std::invalid_argument& e) {
    return fmt::format("--stall-pattern '{}': {}", stall, e.what());
  }
  if (c.lane.stages < 1 || c.lane.stages > dataflow::kLaneMaxStages)
    return fmt::format("--stages {}: the lane has 1 to {} stages", c.lane.stages,
                       dataflow::kLaneMaxStages);
  try {
    c.prepare();
  } catch (const std::invalid_argument& e) {
    return fmt::format("--program '{}': {}", c.programText, e.what());
  }
  return c.lane.validate();
}

std::string reproduceCommand(const PcuCosimCase& c, Cycle cycle) {
  const Cycle from = cycle > 20 ? cycle - 20 : 0;
  return fmt::format(
      "xpusim cosim pcu --stages {} --ii {} --program '{}' --tokens {} --values {} --seed {} "
      "--input-depth {} --output-depth {} --input-gap {} --stall-pattern {} --vcd cosim.vcd "
      "--window {}:{}",
      c.lane.stages, c.lane.ii, c.programText, c.lane.tokens, c.values, c.seed, c.lane.inputDepth,
      c.lane.outputDepth, c.inputGap, c.lane.stall.text(), from, cycle + 20);
}

PcuCosimResult runPcuCosim(const PcuCosimCase& c) {
  if (c.wave.file.empty()) return run<Vpcu_lane>(c);
  return run<Vpcu_lane_traced>(c);
}

}  // namespace xpusim::rtl
