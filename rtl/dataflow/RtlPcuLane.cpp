#include "rtl/dataflow/RtlPcuLane.h"

#include <Vpcu_lane.h>
#include <fmt/format.h>

#include <limits>

#include "models/dataflow/cosim/LaneStream.h"
#include "rtl/cosim/ResultCheck.h"
#include "rtl/dataflow/PcuLaneRtlDriver.h"
#include "sim/core/Simulation.h"

namespace xpusim::rtl {

namespace {

/// A count the lane case holds in 32 bits (its own checks bound it further).
std::uint32_t uint32Param(ParamReader& p, const std::string& name) {
  const std::uint64_t v = p.uint(name);
  if (v > std::numeric_limits<std::uint32_t>::max()) throw p.error(name, "must fit 32 bits");
  return static_cast<std::uint32_t>(v);
}

}  // namespace

ComponentInfo RtlPcuLane::describe() {
  ComponentInfo info;
  info.type = "rtl_pcu_lane";
  info.summary =
      "Verilated PCU-lane RTL (input FIFOs, up to 8 op stages, output FIFO) running one seeded "
      "stage program, one RTL cycle per clock edge";
  info.params = {
      Param::clock("clock", "PCU clock; one RTL cycle per edge (the dataflow fabric's default)")
          .def("1GHz"),
      Param::uint("stages", "stages", "pipeline stages mapped, 1 to 8").def("3"),
      Param::text("program",
                  "stage ops, e.g. 'fma(in0,in1,in2);max(prev,#0)' (pass/add/sub/mul/max/fma on "
                  "in0-in2, prev, #const; later stages pass; values must fit 32-bit signed), or "
                  "random (drawn from the run's random stream)")
          .def("random"),
      Param::uint("ii", "cycles", "initiation interval, 1 to 15").def("1"),
      Param::uint("tokens", "tokens", "firings (tokens per input), >= 1").def("32"),
      Param::choice("values", {"ramp", "random"},
                    "input values: ramp (input k token i = 32k + i) or random (|v| <= 100)")
          .def("random"),
      Param::uint("input_depth", "tokens", "input FIFO capacity, 1 to 8").def("8"),
      Param::uint("output_depth", "tokens", "output FIFO capacity, 1 to 8").def("8"),
      Param::uint("input_gap", "cycles", "largest random idle gap before an input token").def("0"),
      Param::text("stall_pattern",
                  "consumer: none, a repeating pattern of r (ready) and s (stall) with at least "
                  "one r, or random:PCT (PCT 0 to 99 percent of cycles stalled)")
          .def("none"),
  };
  info.stats = {
      {"cycles", "cycles", "cycles of the case (the last result taken + 1)"},
      {"results", "results", "results taken by the consumer"},
      {"mismatches", "records", "result-write and result-taken records differing from the model's"},
  };
  return info;
}

RtlPcuLane::RtlPcuLane(BuildContext& ctx) : RtlComponent(ctx) {
  useClock(params().clock("clock"));
  dataflow::LaneCase& l = case_.lane;
  l.stages = uint32Param(params(), "stages");
  l.ii = uint32Param(params(), "ii");
  l.tokens = params().uint("tokens");
  l.inputDepth = uint32Param(params(), "input_depth");
  l.outputDepth = uint32Param(params(), "output_depth");
  case_.programText = params().text("program");
  case_.values = params().choice("values");
  case_.inputGap = uint32Param(params(), "input_gap");
  // One draw of the run's random stream seeds the case, so `xpusim cosim pcu --seed` can
  // reproduce it (summarize() prints the command when a result differs).
  case_.seed = sim().random(*this).next();
  if (const std::string bad = preparePcuCase(case_, params().text("stall_pattern")); !bad.empty())
    throw caseError(bad, "stages");
  stat("results", results_);
  stat("mismatches", mismatches_);
}

RtlPcuLane::~RtlPcuLane() = default;

void RtlPcuLane::start() {
  run(std::make_unique<PcuLaneRtlDriver<Vpcu_lane>>(case_.lane));
}

void RtlPcuLane::finish(bool drained) {
  if (!driver()) return;
  results_ = driver()->taken();
  checkRan(drained, results_ == case_.lane.tokens,
           fmt::format("{} of {} results taken{}", results_, case_.lane.tokens,
                       driver()->hung() ? " (hung)" : ""));
  const cosim::Stream model = dataflow::modelLaneStream(case_.lane);
  mismatches_ = resultMismatches(model, driver()->stream(),
                                 {dataflow::kLaneResultPort, dataflow::kLaneOutPort});
}

void RtlPcuLane::summarize(SummaryLines& lines) const {
  lines.emplace_back(
      path(),
      fmt::format("{} RTL cycles, {} results, {} mismatches{}", cycles_, results_, mismatches_,
                  mismatches_ ? "; reproduce: " + reproduceCommand(case_, 0) : std::string()));
}

XPUSIM_REGISTER_COMPONENT(RtlPcuLane)

}  // namespace xpusim::rtl
