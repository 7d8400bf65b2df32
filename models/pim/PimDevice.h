#pragma once
#include <memory>
#include <string>
#include <vector>

#include "models/memory/dram/DramController.h"
#include "models/pim/PimKernel.h"
#include "models/pim/PimPlanner.h"
#include "models/pim/PimUnitSpec.h"
#include "models/pim/PimUnitTrace.h"
#include "sim/core/Component.h"

namespace xpusim {

/// A processing-in-memory DRAM device (HBM-PIM, AiM or logic-die PIM, chosen by its preset)
/// running the kernel named by the workload (`--workload`): GEMV, element-wise, a GPT decode
/// step or an AiM-style instruction trace.
///
/// The kernel runs on the tCK clock at DRAM-command granularity, on one DRAM-core controller
/// per channel (PIM commands with their own edges, refresh included): the device issues its
/// commands from tick() and sleeps through timing gaps, so the simulated time of the kernel is
/// pim_cycles x tCK. The speed-up reference, the same kernel as host traffic over the same DRAM,
/// is a separate what-if run on controllers of its own that shares no time with the simulation
/// (of one layer when the kernel repeats identical layers, its figures scaled by their number).
/// Steps and layers follow each other per channel, without a barrier across channels.
/// With `functional: true` every step is also computed with real values on the units' datapath
/// and checked against a reference. Cycles are DRAM clock cycles (tCK). A decode step runs its
/// layer `repeat` times, one after the other.
class PimDevice : public Component, public Clocked {
 public:
  static ComponentInfo describe();
  explicit PimDevice(BuildContext& ctx);

  void start() override;
  bool tick() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;

  const DramSpec& dram() const { return dram_; }
  const PimUnitSpec& unit() const { return unit_; }

 private:
  double energy(const DramChannelStats& s, Cycle cycles) const;
  /// Activation functions need the AiM AF unit (tRCD_AF): an input error otherwise.
  void checkActivation();
  /// Command counts summed over the channels of `plan`.
  static DramChannelStats total(const PimPlan& plan);

  DramSpec dram_;
  PimUnitSpec unit_;
  DramPolicy policy_;
  bool rowInterleaved_ = false;
  PimKernel kernel_;
  ClockHandle clock_;
  WakeTimer timer_;
  std::unique_ptr<PimUnitTrace> trace_;
  PimPlan pim_, host_;
  std::vector<Cycle> wake_;  // per channel: next cycle worth serving
  struct StepFigures {
    std::string name;
    Cycle pim = 0, host = 0;
    std::uint64_t macs = 0;
  };
  std::vector<StepFigures> steps_;

  std::uint64_t pimCycles_ = 0, hostCycles_ = 0, macs_ = 0;
  std::uint64_t macCommands_ = 0, actAb_ = 0, wrGb_ = 0, rdMac_ = 0, refreshes_ = 0,
                rowSwitches_ = 0, checkedValues_ = 0, af_ = 0, rdAf_ = 0;
  double speedup_ = 0, flopsPerS_ = 0, energyPj_ = 0, hostEnergyPj_ = 0;
  double functionalCheck_ = -1, maxAbsError_ = 0, maxErrorShare_ = 0, afFunctionError_ = 0;
  double peakFlops_ = 0, internalGBps_ = 0, internalChannelGBps_ = 0;
  double busyMean_ = 0, busyMin_ = 0, busyMax_ = 0;
  std::vector<std::uint64_t> unitBusy_;
};

}  // namespace xpusim
