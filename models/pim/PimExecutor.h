#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/memory/dram/DramController.h"
#include "models/pim/PimKernel.h"
#include "models/pim/PimUnitSpec.h"

namespace xpusim {

class Timeline;

/// What one run (PIM or host) did on the whole device.
struct PimRunResult {
  Cycle cycles = 0;                     ///< last completion over all channels, DRAM cycles
  DramChannelStats stats;               ///< command counts summed over channels
  std::vector<std::uint64_t> unitBusy;  ///< per unit: DRAM cycles spent on useful MACs / ops
  std::uint64_t macs = 0;               ///< multiply-accumulates of useful data
};

/// Runs PIM kernels at DRAM-command level on one DramController per channel (the same
/// controller that serves host traffic, so refresh, row commands and every timing edge apply),
/// and runs the same kernels as host traffic for the speed-up reference.
///
/// Layout: a GEMV's output rows are spread over all units of the device (row_blocked: unit v
/// holds rows v x n .. v x n + n - 1; row_interleaved: rows v, v + units, ...); each unit's
/// rows are stored row-major in its banks, in the order the program consumes them. Batched
/// GEMVs (attention heads) get groups of ranks. Element-wise kernels split their bursts over
/// all units, each output burst costing two column operations (ReLU) or three (add, mul).
/// HBM-PIM mode changes and instruction-register writes are host writes to the last (reserved)
/// row before each step.
class PimExecutor {
 public:
  PimExecutor(const DramSpec& dram, const DramPolicy& policy, const PimUnitSpec& unit,
              bool rowInterleaved, Timeline* timeline);

  PimRunResult runSteps(const std::vector<PimStep>& steps);
  /// AiM-style instructions: each selected channel's ranks run `opsize` commands per line.
  PimRunResult runTrace(const std::vector<PimTraceOp>& trace);
  /// The steps done by a host: operands streamed in with reads, results written back.
  PimRunResult runHost(const std::vector<PimStep>& steps);

 private:
  struct MacInterval {
    Cycle start = 0, end = 0;
    bool open = false;
  };
  std::uint32_t totalRanks() const { return dram_.org.channels * dram_.org.ranksPerChannel(); }
  DramAddress rankAddress(std::uint32_t channel, std::uint32_t rank) const;
  /// Adds `step`'s commands for the ranks of `channel` to `programs` and its useful work to
  /// `result`.
  void planStep(const PimStep& step, std::uint32_t channel,
                std::vector<class PimRankProgram>& programs, PimRunResult& result) const;
  /// Runs `programs` on `ctrl` from `start` (after the host set-up writes); returns the end.
  Cycle runPrograms(DramController& ctrl, std::uint32_t channel, Cycle start,
                    std::vector<PimRankProgram>& programs, std::uint32_t setupWrites);
  void traceMac(std::uint32_t channel, std::uint32_t rank, const DramCompletion& d);
  void flushMac(std::uint32_t channel, std::uint32_t rank);
  static void accumulate(DramChannelStats& total, const DramChannelStats& s);

  DramSpec dram_;
  DramPolicy policy_;
  PimUnitSpec unit_;
  bool rowInterleaved_;
  Timeline* timeline_;
  std::vector<MacInterval> intervals_;  // per rank of the channel being run
  std::vector<std::uint32_t> lanes_;    // timeline lanes, per unit of the device
};

}  // namespace xpusim
