#pragma once
#include "models/dataflow/fabric/OffChipTier.h"
#include "models/dataflow/graph/ProgramGraph.h"
#include "models/dataflow/units/Unit.h"

namespace xpusim::dataflow {

/// An address-generation unit: a unit of the fabric's edge that moves tokens of `tokenBytes`
/// between the fabric and an off-chip tier, token i at address base + i x tokenBytes, with at
/// most `outstanding` requests in flight. The load and store units are its two directions.
class AguUnit : public Unit, public TierClient {
 public:
  AguUnit(std::string name, Placement::Site site, const NodeSpec& node, OffChipTier& tier,
          std::uint32_t tokenBytes, std::uint32_t outstanding, Addr base);
  /// Counts the response and wakes the unit.
  void onResponse(const MemResponse& response) override;

 protected:
  /// Requests token `index` (read or write) from the tier.
  void request(std::uint64_t index, MemOp op);
  std::uint32_t outstanding() const { return outstanding_; }
  /// Responses received so far (data returned, or writes acknowledged).
  std::uint64_t responses() const { return responses_; }

 private:
  OffChipTier& tier_;
  std::uint32_t client_;
  std::uint32_t tokenBytes_;
  std::uint32_t outstanding_;
  Addr base_;
  std::uint64_t responses_ = 0;
};

}  // namespace xpusim::dataflow
