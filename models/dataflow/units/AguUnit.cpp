#include "models/dataflow/units/AguUnit.h"

namespace xpusim::dataflow {

AguUnit::AguUnit(std::string name, Placement::Site site, const NodeSpec& node, OffChipTier& tier,
                 std::uint32_t tokenBytes, std::uint32_t outstanding, Addr base)
    : Unit(std::move(name), UnitKind::kAgu, site, node.firings),
      tier_(tier),
      client_(tier.addClient(*this, outstanding)),
      tokenBytes_(tokenBytes),
      outstanding_(outstanding),
      base_(base) {}

void AguUnit::onResponse(const MemResponse&) {
  ++responses_;
  handle().wake();
}

void AguUnit::request(std::uint64_t index, MemOp op) {
  tier_.request(client_, index, base_ + index * tokenBytes_, tokenBytes_, op);
}

}  // namespace xpusim::dataflow
