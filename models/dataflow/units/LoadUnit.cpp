#include "models/dataflow/units/LoadUnit.h"

namespace xpusim::dataflow {

LoadUnit::LoadUnit(std::string name, Placement::Site site, const NodeSpec& node, OffChipTier& tier,
                   std::uint32_t tokenBytes, std::uint32_t outstanding, Addr base)
    : Unit(std::move(name), UnitKind::kAgu, site, node.firings),
      tier_(tier),
      client_(tier.addClient(*this, outstanding)),
      tokenBytes_(tokenBytes),
      outstanding_(outstanding),
      base_(base) {}

void LoadUnit::onResponse(const MemResponse&) {
  ++arrived_;
  handle().wake();
}

bool LoadUnit::tick() {
  bool progress = false;
  bool emitted = false;
  if (arrived_ > fired_ && outputsFree()) {
    sendAll(Token{static_cast<double>(fired_)});
    ++fired_;
    emitted = progress = true;
  }
  if (issued_ < firings() && issued_ - fired_ < outstanding_) {
    tier_.request(client_, issued_, base_ + issued_ * tokenBytes_, tokenBytes_, MemOp::kRead);
    ++issued_;
    progress = true;
  }
  if (fired_ == firings()) {
    complete();
    return false;
  }
  if (emitted)
    setState(UnitState::kBusy);
  else if (arrived_ > fired_)
    setState(UnitState::kBlocked);
  else
    setState(UnitState::kMemory);
  if (!progress)
    if (const Tick f = outputFreeAt()) wakeAt(f);
  return progress;
}

}  // namespace xpusim::dataflow
