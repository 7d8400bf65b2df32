#include "models/dataflow/units/SinkUnit.h"

namespace xpusim::dataflow {

SinkUnit::SinkUnit(std::string name, const NodeSpec& node)
    : Unit(std::move(name), UnitKind::kIo, {}, node.firings), record_(node.record) {
  if (record_) {
    values_.reserve(node.firings);
    arrivals_.reserve(node.firings);
  }
}

bool SinkUnit::tick() {
  if (fired_ == firings()) {
    complete();
    return false;
  }
  if (!inputs_[0].ready()) {
    setState(UnitState::kStarved);
    return false;
  }
  const Token tok = inputs_[0].take();
  if (record_) {
    values_.push_back(tok.value);
    arrivals_.push_back(now());
  }
  ++fired_;
  setState(UnitState::kBusy);
  if (fired_ == firings()) {
    complete();
    return false;
  }
  return true;
}

}  // namespace xpusim::dataflow
