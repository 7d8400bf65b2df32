#pragma once
#include "models/dataflow/fabric/OffChipTier.h"
#include "models/dataflow/graph/ProgramGraph.h"
#include "models/dataflow/units/Unit.h"

namespace xpusim::dataflow {

/// An address-generation unit streaming a load node: reads `tokens` consecutive tokens of
/// `tokenBytes` from an off-chip tier (one request per token per cycle; at most `outstanding`
/// tokens requested and not yet emitted) and emits one token per cycle as the data return.
class LoadUnit : public Unit, public TierClient {
 public:
  LoadUnit(std::string name, Placement::Site site, const NodeSpec& node, OffChipTier& tier,
           std::uint32_t tokenBytes, std::uint32_t outstanding, Addr base);
  bool tick() override;
  void onResponse(const MemResponse& response) override;

 private:
  OffChipTier& tier_;
  std::uint32_t client_;
  std::uint32_t tokenBytes_;
  std::uint32_t outstanding_;
  Addr base_;
  std::uint64_t issued_ = 0;
  std::uint64_t arrived_ = 0;
};

}  // namespace xpusim::dataflow
