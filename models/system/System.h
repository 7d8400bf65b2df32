#pragma once
#include "sim/core/Component.h"

namespace xpusim {

/// The root of every config: a container of components plus the run-wide settings (seed,
/// stop time, workload). Registers the engine's own statistics.
class System : public Component {
 public:
  static ComponentInfo describe();
  explicit System(BuildContext& ctx);
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;

 private:
  std::uint64_t endTick_ = 0;
  std::uint64_t events_ = 0;
  double simulatedSeconds_ = 0;
};

}  // namespace xpusim
