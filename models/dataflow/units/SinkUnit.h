#pragma once
#include <vector>

#include "models/dataflow/graph/ProgramGraph.h"
#include "models/dataflow/units/Unit.h"

namespace xpusim::dataflow {

/// The end of a stream: takes one token per cycle; optionally keeps every value and its
/// arrival tick (for checks).
class SinkUnit : public Unit {
 public:
  SinkUnit(std::string name, const NodeSpec& node);
  bool tick() override;

  const std::vector<double>& values() const { return values_; }
  const std::vector<Tick>& arrivals() const { return arrivals_; }

 private:
  bool record_;
  std::vector<double> values_;
  std::vector<Tick> arrivals_;
};

}  // namespace xpusim::dataflow
