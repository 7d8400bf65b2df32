#pragma once
#include "models/dataflow/units/AguUnit.h"

namespace xpusim::dataflow {

/// An address-generation unit draining a store node: takes one token per cycle and writes it
/// (`tokenBytes`, consecutive addresses) to an off-chip tier, at most `outstanding` writes in
/// flight; done when every write is acknowledged.
class StoreUnit : public AguUnit {
 public:
  using AguUnit::AguUnit;
  bool tick() override;
};

}  // namespace xpusim::dataflow
