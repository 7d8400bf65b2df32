#pragma once
#include "models/dataflow/graph/ProgramGraph.h"
#include "models/dataflow/units/Unit.h"

namespace xpusim::dataflow {

/// A stream node: emits `tokens` tokens, value start + i * step, one every `interval` cycles
/// while its outputs have credit.
class SourceUnit : public Unit {
 public:
  SourceUnit(std::string name, const NodeSpec& node);
  bool tick() override;

 private:
  double start_;
  double step_;
  std::uint64_t interval_;
  Tick nextEmit_ = 0;
};

}  // namespace xpusim::dataflow
