#pragma once
#include <cstdint>

#include "rtl/cosim/RtlComponent.h"
#include "rtl/dataflow/PcuCosim.h"

class Vpcu_lane;

namespace xpusim::rtl {

template <class V>
class PcuLaneRtlDriver;

/// The Verilated PCU lane (rtl/dataflow/pcu_lane.sv) as an engine component: on its clock it
/// runs one lane case (a stage program over `tokens` firings, input gaps, a stalling consumer;
/// the values, gaps and random program drawn from a seed taken from the run's random stream
/// for this component), one RTL cycle per clock edge, then checks every result written and
/// taken against the model's (dataflow::modelLaneStream: ComputeUnit between channels).
/// Cycle law without gaps or stalls: (tokens - 1) x ii + stages + 3.
class RtlPcuLane : public RtlComponent<PcuLaneRtlDriver<Vpcu_lane>> {
 public:
  static ComponentInfo describe();
  explicit RtlPcuLane(BuildContext& ctx);
  ~RtlPcuLane() override;

  void start() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;

 private:
  PcuCosimCase case_;
  std::uint64_t results_ = 0, mismatches_ = 0;
};

}  // namespace xpusim::rtl
