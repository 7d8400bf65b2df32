#pragma once
#include "models/dataflow/units/AguUnit.h"

namespace xpusim::dataflow {

/// An address-generation unit streaming a load node: reads `tokens` consecutive tokens of
/// `tokenBytes` from an off-chip tier (one request per token per cycle; at most `outstanding`
/// tokens requested and not yet emitted) and emits one token per cycle as the data return.
class LoadUnit : public AguUnit {
 public:
  using AguUnit::AguUnit;
  bool tick() override;

 private:
  std::uint64_t issued_ = 0;
};

}  // namespace xpusim::dataflow
