#include "models/dataflow/units/StoreUnit.h"

namespace xpusim::dataflow {

bool StoreUnit::tick() {
  const std::uint64_t acked = responses();
  if (acked == firings()) {
    complete();
    return false;
  }
  if (fired_ == firings() || fired_ - acked >= outstanding()) {
    setState(UnitState::kMemory);
    return false;
  }
  if (!inputs_[0].ready()) {
    setState(UnitState::kStarved);
    return false;
  }
  inputs_[0].take();
  request(fired_, MemOp::kWrite);
  ++fired_;
  setState(UnitState::kBusy);
  return true;
}

}  // namespace xpusim::dataflow
