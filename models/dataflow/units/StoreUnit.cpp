#include "models/dataflow/units/StoreUnit.h"

namespace xpusim::dataflow {

StoreUnit::StoreUnit(std::string name, Placement::Site site, const NodeSpec& node,
                     OffChipTier& tier, std::uint32_t tokenBytes, std::uint32_t outstanding,
                     Addr base)
    : Unit(std::move(name), UnitKind::kAgu, site, node.firings),
      tier_(tier),
      client_(tier.addClient(*this, outstanding)),
      tokenBytes_(tokenBytes),
      outstanding_(outstanding),
      base_(base) {}

void StoreUnit::onResponse(const MemResponse&) {
  ++acked_;
  handle().wake();
}

bool StoreUnit::tick() {
  if (acked_ == firings()) {
    complete();
    return false;
  }
  if (fired_ == firings() || fired_ - acked_ >= outstanding_) {
    setState(UnitState::kMemory);
    return false;
  }
  if (!inputs_[0].ready()) {
    setState(UnitState::kStarved);
    return false;
  }
  inputs_[0].take();
  tier_.request(client_, fired_, base_ + fired_ * tokenBytes_, tokenBytes_, MemOp::kWrite);
  ++fired_;
  setState(UnitState::kBusy);
  return true;
}

}  // namespace xpusim::dataflow
