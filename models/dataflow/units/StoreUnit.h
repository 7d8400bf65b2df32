#pragma once
#include "models/dataflow/fabric/OffChipTier.h"
#include "models/dataflow/graph/ProgramGraph.h"
#include "models/dataflow/units/Unit.h"

namespace xpusim::dataflow {

/// An address-generation unit draining a store node: takes one token per cycle and writes it
/// (`tokenBytes`, consecutive addresses) to an off-chip tier, at most `outstanding` writes in
/// flight; done when every write is acknowledged.
class StoreUnit : public Unit, public TierClient {
 public:
  StoreUnit(std::string name, Placement::Site site, const NodeSpec& node, OffChipTier& tier,
            std::uint32_t tokenBytes, std::uint32_t outstanding, Addr base);
  bool tick() override;
  void onResponse(const MemResponse& response) override;

 private:
  OffChipTier& tier_;
  std::uint32_t client_;
  std::uint32_t tokenBytes_;
  std::uint32_t outstanding_;
  Addr base_;
  std::uint64_t acked_ = 0;
};

}  // namespace xpusim::dataflow
