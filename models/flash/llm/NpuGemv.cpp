#include "models/flash/llm/NpuGemv.h"

#include <algorithm>

#include "models/systolic/FoldTiming.h"

namespace xpusim::llm {

std::uint64_t NpuGemv::cycles(std::uint64_t k, std::uint64_t n) const {
  if (k == 0 || n == 0) return 0;
  using systolic::Dataflow;
  // Split-K: the reduction is cut into `rows` chunks, one per PE row, so the 1 x k GEMV runs as
  // a rows x ceil(k / rows) by ceil(k / rows) x n GEMM; the rows partial sums of each output
  // are then added on the columns (one adder tree pass per column fold, rows - 1 cycles).
  const std::uint64_t split = std::min(rows_, k);
  const std::uint64_t chunk = (k + split - 1) / split;
  const systolic::FoldGrid grid = systolic::FoldGrid::map(
      Dataflow::kOutputStationary, systolic::GemmShape{split, n, chunk}, rows_, cols_);
  const auto length = [&](std::uint64_t colsUsed) {
    return systolic::FoldTiming{Dataflow::kOutputStationary, grid.rowsUsed(0), colsUsed, grid.t}
        .length();
  };
  const std::uint64_t last = grid.colsUsed(grid.colFolds - 1);
  return (grid.colFolds - 1) * length(cols_) + length(last) + grid.colFolds * (split - 1);
}

}  // namespace xpusim::llm
