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
/// Every such sum runs over a stretch of the reduction index k (os: a PE's whole stream, ws/is:
/// a column's used rows), so it reads the operands widened to int16, in[M x K] and W transposed
/// [N x K], as two contiguous stretches: a dot product the compiler vectorises (int32 sums).
/// A mapping mistake gives wrong numbers, which reference() exposes.
class FunctionalGemm {
 public:
  FunctionalGemm(const FoldGrid& grid, const GemmOperands& ops);

  /// The sums fold (row fold i, column fold j) produces, into `sums` (R x C of them for os, T x C
  /// for ws/is, row-major with row stride C; only the used rows and columns are written):
  ///   os: sums[r][c] = PE(r, c)'s output after its T MACs;
  ///   ws/is: sums[t][c] = the partial sum of stream step t leaving the bottom of column c.
  void foldSums(std::uint64_t i, std::uint64_t j, std::vector<std::int32_t>& sums) const;
  /// Size `sums` needs for foldSums().
  std::uint64_t foldSumsSize() const;

  static std::vector<std::int32_t> run(const FoldGrid& grid, const GemmOperands& ops);
  /// The plain GEMM, no folds: out[a][b] = the dot product of in row a and W column b over
  /// all of K.
  static std::vector<std::int32_t> reference(const GemmOperands& ops);

 private:
  FoldGrid grid_;
  std::uint64_t k_;
  std::vector<std::int16_t> in_;       ///< in[M x K], int16
  std::vector<std::int16_t> weights_;  ///< W transposed, [N x K], int16
};

}  // namespace xpusim::systolic
