#include "models/systolic/FunctionalGemm.h"

#include "models/systolic/FoldOperands.h"

namespace xpusim::systolic {

namespace {

std::vector<std::int16_t> widen(const std::vector<std::int8_t>& v) {
  return {v.begin(), v.end()};
}

/// W[K x N] -> W^T[N x K], int16.
std::vector<std::int16_t> widenTransposed(const std::vector<std::int8_t>& w, std::uint64_t k,
                                          std::uint64_t n) {
  std::vector<std::int16_t> t(w.size());
  for (std::uint64_t x = 0; x < k; ++x)
    for (std::uint64_t b = 0; b < n; ++b) t[b * k + x] = w[x * n + b];
  return t;
}

/// out[c] = sum over x < n of a[x] * b[c * stride + x], for c < count: dot products of one
/// int16 stretch `a` with `count` others, four at a time so that each pass over `a` feeds four
/// int32 sums (the multiply-adds the compiler vectorises).
void dots(const std::int16_t* a, const std::int16_t* b, std::uint64_t stride, std::uint64_t n,
          std::uint64_t count, std::int32_t* out) {
  std::uint64_t c = 0;
  for (; c + 4 <= count; c += 4) {
    const std::int16_t *b0 = b + c * stride, *b1 = b0 + stride, *b2 = b1 + stride,
                       *b3 = b2 + stride;
    std::int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (std::uint64_t x = 0; x < n; ++x) {
      s0 += a[x] * b0[x];
      s1 += a[x] * b1[x];
      s2 += a[x] * b2[x];
      s3 += a[x] * b3[x];
    }
    out[c] = s0, out[c + 1] = s1, out[c + 2] = s2, out[c + 3] = s3;
  }
  for (; c < count; ++c) {
    const std::int16_t* bc = b + c * stride;
    std::int32_t s = 0;
    for (std::uint64_t x = 0; x < n; ++x) s += a[x] * bc[x];
    out[c] = s;
  }
}

}  // namespace

GemmOperands GemmOperands::random(const GemmShape& shape, Random& random) {
  GemmOperands ops;
  ops.shape = shape;
  ops.in.resize(shape.m * shape.k);
  ops.weights.resize(shape.k * shape.n);
  for (auto& v : ops.in) v = static_cast<std::int8_t>(random.next() & 0xff);
  for (auto& v : ops.weights) v = static_cast<std::int8_t>(random.next() & 0xff);
  return ops;
}

FunctionalGemm::FunctionalGemm(const FoldGrid& grid, const GemmOperands& ops)
    : grid_(grid),
      k_(ops.shape.k),
      in_(widen(ops.in)),
      weights_(widenTransposed(ops.weights, ops.shape.k, ops.shape.n)) {}

std::uint64_t FunctionalGemm::foldSumsSize() const {
  return (grid_.dataflow == Dataflow::kOutputStationary ? grid_.rows : grid_.t) * grid_.cols;
}

void FunctionalGemm::foldSums(std::uint64_t i, std::uint64_t j,
                              std::vector<std::int32_t>& sums) const {
  const std::uint64_t rows = grid_.rowsUsed(i), cols = grid_.colsUsed(j);
  const std::uint64_t r0 = i * grid_.rows, c0 = j * grid_.cols;
  const std::int16_t* in = in_.data();
  const std::int16_t* wt = weights_.data();
  std::int32_t* out = sums.data();
  switch (grid_.dataflow) {
    case Dataflow::kOutputStationary:  // PE(r, c): in[m][0..T) . w[0..T)[n], MAC t at t + r + c
      for (std::uint64_t r = 0; r < rows; ++r)
        dots(in + (r0 + r) * k_, wt + c0 * k_, k_, grid_.t, cols, out + r * grid_.cols);
      return;
    case Dataflow::kWeightStationary:  // column c at step t: in[t][k0..k0+rows) . w[..][n]
      for (std::uint64_t t = 0; t < grid_.t; ++t)
        dots(in + t * k_ + r0, wt + c0 * k_ + r0, k_, rows, cols, out + t * grid_.cols);
      return;
    case Dataflow::kInputStationary:  // column c at step t: w[k0..k0+rows)[t] . in[m][..]
      for (std::uint64_t t = 0; t < grid_.t; ++t)
        dots(wt + t * k_ + r0, in + c0 * k_ + r0, k_, rows, cols, out + t * grid_.cols);
      return;
  }
}

std::vector<std::int32_t> FunctionalGemm::run(const FoldGrid& g, const GemmOperands& ops) {
  const FunctionalGemm path(g, ops);
  std::vector<std::int32_t> out(ops.shape.m * ops.shape.n, 0);
  std::vector<std::int32_t> sums(path.foldSumsSize());
  const bool os = g.dataflow == Dataflow::kOutputStationary;
  for (std::uint64_t j = 0; j < g.colFolds; ++j) {
    for (std::uint64_t i = 0; i < g.rowFolds; ++i) {
      const FoldOperands f{g, ops, i, j};
      path.foldSums(i, j, sums);
      const std::uint64_t positions = os ? f.rowsUsed() : g.t, cols = f.colsUsed();
      const std::uint64_t stride = f.outLaneStride();
      for (std::uint64_t p = 0; p < positions; ++p) {  // ws/is: the ofmap scratchpad adds up
        std::int32_t* o = out.data() + f.outIndex(p, 0);
        const std::int32_t* s = sums.data() + p * g.cols;
        for (std::uint64_t c = 0; c < cols; ++c) o[c * stride] += s[c];
      }
    }
  }
  return out;
}

std::vector<std::int32_t> FunctionalGemm::reference(const GemmOperands& ops) {
  const std::uint64_t m = ops.shape.m, n = ops.shape.n, k = ops.shape.k;
  const std::vector<std::int16_t> in = widen(ops.in);
  const std::vector<std::int16_t> wt = widenTransposed(ops.weights, k, n);
  std::vector<std::int32_t> out(m * n);
  for (std::uint64_t a = 0; a < m; ++a) dots(in.data() + a * k, wt.data(), k, k, n, &out[a * n]);
  return out;
}

}  // namespace xpusim::systolic
