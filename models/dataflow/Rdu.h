#pragma once
#include <array>
#include <memory>
#include <vector>

#include "models/dataflow/GraphRun.h"
#include "models/dataflow/RduArch.h"
#include "models/dataflow/fabric/OffChipTier.h"
#include "models/dataflow/fabric/TierCopy.h"
#include "sim/core/Component.h"

namespace xpusim::dataflow {

/// A reconfigurable dataflow socket (Plasticine, SN40L-like): a checkerboard grid of pattern
/// compute units and pattern memory units joined by switches, AGUs to an HBM and a DDR tier
/// (memory ports `hbm` and `ddr`), running the graphs of a dataflow workload one after the
/// other. Each graph costs a configuration load, then its model switch (bytes copied DDR ->
/// HBM), then runs until every unit has finished; units are event-driven at token granularity
/// and sleep while starved or back-pressured. See GraphReader for the workload format.
class Rdu : public Component, public GraphObserver, public CopyObserver {
 public:
  static ComponentInfo describe();
  explicit Rdu(BuildContext& ctx);
  ~Rdu() override;

  void bind() override;
  void start() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;
  void graphDone() override;
  void copyDone() override;

  const RduArch& arch() const { return arch_; }
  std::size_t graphCount() const { return graphs_.size(); }
  const GraphRun& graph(std::size_t i) const { return *graphs_[i]; }

 private:
  void beginConfigure();
  void onConfigured();
  void beginRun();
  void slice(const std::string& name, Tick from);

  RduArch arch_;
  Tick configLoad_;
  ClockHandle clock_;
  std::array<std::unique_ptr<OffChipTier>, kTierCount> tiers_;
  std::unique_ptr<TierCopy> copy_;
  std::vector<std::unique_ptr<GraphRun>> graphs_;
  std::size_t current_ = 0;
  Tick phaseStart_ = 0;
  Timeline::LaneId lane_ = 0;
  MemberEvent<Rdu, &Rdu::onConfigured> configured_{this};

  std::uint64_t cycles_ = 0;
  std::uint64_t totalCycles_ = 0;
  std::uint64_t flops_ = 0;
  double peakFlops_ = 0;
  std::uint64_t onChipBytes_ = 0;
  std::uint64_t configLoadCycles_ = 0;
  std::uint64_t modelSwitchCycles_ = 0;
  std::uint64_t modelSwitchBytes_ = 0;
  std::uint64_t transfers_ = 0;
  std::uint64_t conflictCycles_ = 0;
  std::uint64_t graphsRun_ = 0;
  Tick firstStart_ = 0;
};

}  // namespace xpusim::dataflow
