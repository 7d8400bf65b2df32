#pragma once
#include "models/dataflow/RduArch.h"
#include "models/dataflow/graph/ProgramGraph.h"
#include "models/dataflow/units/LaneProgram.h"
#include "models/dataflow/units/Unit.h"

namespace xpusim::dataflow {

/// Timing of one compute node on a PCU, in cycles, and its work per firing.
struct PcuTiming {
  std::uint64_t latency = 1;  ///< ingress to output
  std::uint64_t ii = 1;       ///< cycles between firings
  std::uint64_t flops = 0;    ///< floating-point operations per firing

  /// The PCU template: D mapped stages (systolic: lanes + stages - 1 through the array), plus
  /// log2(lanes) + 1 for the cross-lane reduction tree and the tail latency for transcendentals;
  /// II from the node, times ceil(width / lanes) for vectors wider than the lanes.
  /// FFT and scan vectors (`points` long, lanes elements each): with the SSM extension the
  /// butterfly network runs log2(points) levels at `stages` levels per pass, so
  /// II = ceil(log2(points) / stages), and the scan network the log2(lanes) in-vector levels
  /// (the carry between vectors is a one-cycle recurrence). Without it [assumption, the
  /// GEMM-centric lowering of FlashFFTConv / Mamba-2 SSD], the cross-lane levels become a dense
  /// matrix product on the lanes x stages MAC array: a lanes x lanes complex DFT (4 lanes^2 real
  /// MACs, plus ceil(remaining levels / stages) passes) or a lower-triangular scan matrix (lanes
  /// (lanes + 1) MACs).
  static PcuTiming of(const NodeSpec& node, std::uint32_t width, const RduArch& arch);
};

/// A pattern compute unit running one compute node: a D-stage pipeline over SIMD lanes that
/// starts a firing every II cycles when every input has a token and its pipeline has room,
/// and delivers the result (folded over `accumulate` firings) D cycles after ingress. The value
/// is the node's op on its inputs, or, given a lane program, that program's stages.
class ComputeUnit : public Unit {
 public:
  ComputeUnit(std::string name, Placement::Site site, const NodeSpec& node, PcuTiming timing,
              double reduceScale, LaneProgram program = {});
  void start(Tick period);
  bool tick() override;

 private:
  double evaluate();

  LaneProgram program_;
  Op op_;
  bool reduce_;
  double reduceScale_;
  bool combineMax_;
  std::uint64_t accumulate_;
  std::uint64_t row_;
  PcuTiming timing_;
  Tick latencyTicks_ = 0;
  Tick iiTicks_ = 0;
  Tick nextFire_ = 0;
  PipelineQueue pipeline_;
  std::uint64_t folded_ = 0;
  double acc_ = 0;
  double runningMax_ = 0;
  std::uint64_t inRow_ = 0;
};

}  // namespace xpusim::dataflow
