#pragma once
#include <cstdint>
#include <vector>

#include "models/systolic/Dataflow.h"
#include "sim/core/Random.h"

namespace xpusim::systolic {

/// Int8 operands of one GEMM, row-major: in[M x K], weights[K x N].
struct GemmOperands {
  GemmShape shape;
  std::vector<std::int8_t> in;
  std::vector<std::int8_t> weights;

  /// Uniform int8 values from `random`.
  static GemmOperands random(const GemmShape& shape, Random& random);
};

/// The functional data path: computes Out[M x N] (int32) by walking the folds of `grid` in the
/// array's order (column fold outer, row fold inner) and, inside a fold, the stream steps in
/// time order, each PE(r, c) taking exactly the operands the dataflow routes to it:
///   os: PE(r, c) accumulates in[m][t] * w[t][n] with m = i*R + r, n = j*C + c;
///   ws: PE(r, c) holds w[k][n] (k = i*R + r); the column sum over r of in[t][k] * w[k][n] leaves
///       the bottom as a partial sum of out[t][n], accumulated in the ofmap scratchpad across
///       row folds;
///   is: PE(r, c) holds in[m][k] (m = j*C + c); the column sum of in[m][k] * w[k][t] is a
///       partial sum of out[m][t].
/// A mapping mistake gives wrong numbers, which reference() exposes.
class FunctionalGemm {
 public:
  static std::vector<std::int32_t> run(const FoldGrid& grid, const GemmOperands& ops);
  /// The plain triple loop.
  static std::vector<std::int32_t> reference(const GemmOperands& ops);
};

}  // namespace xpusim::systolic
