#include "models/dataflow/units/LoadUnit.h"

namespace xpusim::dataflow {

bool LoadUnit::tick() {
  bool progress = false;
  bool emitted = false;
  const std::uint64_t arrived = responses();
  if (arrived > fired_ && outputsFree()) {
    sendAll(Token{static_cast<double>(fired_)});
    ++fired_;
    emitted = progress = true;
  }
  if (issued_ < firings() && issued_ - fired_ < outstanding()) {
    request(issued_, MemOp::kRead);
    ++issued_;
    progress = true;
  }
  if (fired_ == firings()) {
    complete();
    return false;
  }
  if (emitted)
    setState(UnitState::kBusy);
  else if (arrived > fired_)
    setState(UnitState::kBlocked);
  else
    setState(UnitState::kMemory);
  if (!progress)
    if (const Tick f = outputFreeAt()) wakeAt(f);
  return progress;
}

}  // namespace xpusim::dataflow
