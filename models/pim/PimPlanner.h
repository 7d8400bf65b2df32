#pragma once
#include <cstdint>
#include <vector>

#include "models/pim/PimChannelRun.h"
#include "models/pim/PimKernel.h"
#include "models/pim/PimUnitSpec.h"

namespace xpusim {

/// A kernel mapped onto the device: one run per channel, and the useful work it contains.
struct PimPlan {
  std::vector<PimChannelRun> channels;
  std::vector<std::uint64_t> unitBusy;  ///< per unit: DRAM cycles of useful MACs / ops
  std::uint64_t macs = 0;               ///< multiply-accumulates of useful data
};

/// Maps PIM kernels to DRAM-command phases per channel, and the same kernels to host traffic
/// for the speed-up reference.
///
/// Layout: a GEMV's output rows are spread over all units of the device (row_blocked: unit v
/// holds rows v x n .. v x n + n - 1; row_interleaved: rows v, v + units, ...); each unit's
/// rows are stored row-major in its banks, in the order the program consumes them. Batched
/// GEMVs (attention heads) get groups of ranks. Element-wise kernels split their bursts over
/// all units, each output burst costing two column operations (ReLU) or three (add, mul).
/// HBM-PIM mode changes and instruction-register writes are host writes to the last (reserved)
/// row before each step. The steps run `repeat` times (decoder layers), one after the other.
class PimPlanner {
 public:
  PimPlanner(const DramSpec& dram, const DramPolicy& policy, const PimUnitSpec& unit,
             bool rowInterleaved);

  /// The kernel on the PIM units (steps or an AiM-style instruction trace); `trace`: the units'
  /// Perfetto tracks, or nullptr.
  PimPlan pim(const PimKernel& kernel, PimUnitTrace* trace) const;
  /// The kernel's steps done by a host: operands streamed in with reads, results written back.
  /// One repetition only (the layers are identical; the caller scales its figures).
  PimPlan host(const PimKernel& kernel) const;

 private:
  std::uint32_t totalRanks() const { return dram_.org.channels * dram_.org.ranksPerChannel(); }
  /// The commands of `step` for the ranks of `channel`, and its useful work in `plan`.
  std::vector<PimRankProgram> programs(const PimStep& step, std::uint32_t channel,
                                       PimPlan& plan) const;
  void planTrace(const PimKernel& kernel, PimUnitTrace* trace, PimPlan& plan) const;

  DramSpec dram_;
  DramPolicy policy_;
  PimUnitSpec unit_;
  bool rowInterleaved_;
};

}  // namespace xpusim
