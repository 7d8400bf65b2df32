#pragma once
#include <cstdint>

#include "models/systolic/Dataflow.h"
#include "models/systolic/FunctionalGemm.h"

namespace xpusim::systolic {

/// The int8 operands one fold (row fold i, column fold j) feeds to the array's edges, in the
/// routing FunctionalGemm documents, and where each result lands in Out[M x N]:
///   stationary(r, c): ws w[k][n], is in[m][k] (k = i*R + r, n or m = j*C + c);
///   row(t, r):        streamed into PE row r at step t: os in[m][t], ws in[t][k], is w[k][t];
///   column(t, c):     os only, streamed into PE column c: w[t][n].
/// Indices beyond the used rows/columns of a ragged fold read as 0 (padding).
struct FoldOperands {
  const FoldGrid& grid;
  const GemmOperands& ops;
  std::uint64_t i, j;

  std::uint64_t rowsUsed() const { return grid.rowsUsed(i); }
  std::uint64_t colsUsed() const { return grid.colsUsed(j); }

  std::int8_t stationary(std::uint64_t r, std::uint64_t c) const {
    if (r >= rowsUsed() || c >= colsUsed()) return 0;
    const std::uint64_t k = i * grid.rows + r, x = j * grid.cols + c;
    return grid.dataflow == Dataflow::kWeightStationary ? ops.weights[k * ops.shape.n + x]
                                                        : ops.in[x * ops.shape.k + k];
  }
  std::int8_t row(std::uint64_t t, std::uint64_t r) const {
    if (r >= rowsUsed()) return 0;
    const std::uint64_t y = i * grid.rows + r;
    switch (grid.dataflow) {
      case Dataflow::kOutputStationary:
        return ops.in[y * ops.shape.k + t];
      case Dataflow::kWeightStationary:
        return ops.in[t * ops.shape.k + y];
      case Dataflow::kInputStationary:
        break;
    }
    return ops.weights[y * ops.shape.n + t];
  }
  std::int8_t column(std::uint64_t t, std::uint64_t c) const {
    if (c >= colsUsed()) return 0;
    return ops.weights[t * ops.shape.n + j * grid.cols + c];
  }
  /// Index in Out of result lane c at position p (os: PE row p; ws/is: stream step p).
  std::uint64_t outIndex(std::uint64_t p, std::uint64_t c) const {
    const std::uint64_t x = j * grid.cols + c;
    switch (grid.dataflow) {
      case Dataflow::kOutputStationary:
        return (i * grid.rows + p) * ops.shape.n + x;
      case Dataflow::kWeightStationary:
        return p * ops.shape.n + x;
      case Dataflow::kInputStationary:
        break;
    }
    return x * ops.shape.n + p;
  }
  /// outIndex(p, c + 1) - outIndex(p, c): 1, or N for is (lanes are Out rows).
  std::uint64_t outLaneStride() const {
    return grid.dataflow == Dataflow::kInputStationary ? ops.shape.n : 1;
  }
};

}  // namespace xpusim::systolic
