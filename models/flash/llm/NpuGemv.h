#pragma once
#include <cstdint>

#include "models/systolic/Dataflow.h"

namespace xpusim::llm {

/// The NPU's matrix unit for decode: a rows x cols systolic array (the systolic model's fold
/// law, models/systolic/FoldTiming.h) running output-stationary GEMVs split along k over the
/// PE rows (see cycles()), so a decode GEMV fills the array; cycles of the NPU clock.
class NpuGemv {
 public:
  NpuGemv(std::uint64_t rows, std::uint64_t cols) : rows_(rows), cols_(cols) {}
  /// Cycles of one GEMV of reduction length `k` and `n` outputs (0 if either is 0).
  std::uint64_t cycles(std::uint64_t k, std::uint64_t n) const;

 private:
  std::uint64_t rows_, cols_;
};

}  // namespace xpusim::llm
