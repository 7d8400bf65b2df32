#include "models/dataflow/units/SourceUnit.h"

namespace xpusim::dataflow {

SourceUnit::SourceUnit(std::string name, const NodeSpec& node)
    : Unit(std::move(name), UnitKind::kIo, {}, node.firings),
      start_(node.start),
      step_(node.step),
      interval_(node.interval) {}

bool SourceUnit::tick() {
  const Tick t = now();
  if (fired_ == firings()) {
    complete();
    return false;
  }
  if (t < nextEmit_) {
    setState(UnitState::kBusy);
    wakeAt(nextEmit_);
    return false;
  }
  if (!outputsFree()) {
    setState(UnitState::kBlocked);
    if (const Tick f = outputFreeAt()) wakeAt(f);
    return false;
  }
  sendAll(Token{start_ + static_cast<double>(fired_) * step_});
  ++fired_;
  nextEmit_ = t + interval_ * period();
  setState(UnitState::kBusy);
  return true;
}

}  // namespace xpusim::dataflow
