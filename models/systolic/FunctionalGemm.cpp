#include "models/systolic/FunctionalGemm.h"

namespace xpusim::systolic {

GemmOperands GemmOperands::random(const GemmShape& shape, Random& random) {
  GemmOperands ops;
  ops.shape = shape;
  ops.in.resize(shape.m * shape.k);
  ops.weights.resize(shape.k * shape.n);
  for (auto& v : ops.in) v = static_cast<std::int8_t>(random.next() & 0xff);
  for (auto& v : ops.weights) v = static_cast<std::int8_t>(random.next() & 0xff);
  return ops;
}

std::vector<std::int32_t> FunctionalGemm::run(const FoldGrid& g, const GemmOperands& ops) {
  const std::uint64_t n = ops.shape.n, k = ops.shape.k;
  std::vector<std::int32_t> out(ops.shape.m * n, 0);
  auto in = [&](std::uint64_t row, std::uint64_t col) -> std::int32_t {
    return ops.in[row * k + col];
  };
  auto w = [&](std::uint64_t row, std::uint64_t col) -> std::int32_t {
    return ops.weights[row * n + col];
  };
  std::vector<std::int32_t> acc(g.rows * g.cols);
  for (std::uint64_t j = 0; j < g.colFolds; ++j) {
    for (std::uint64_t i = 0; i < g.rowFolds; ++i) {
      const std::uint64_t rows = g.rowsUsed(i), cols = g.colsUsed(j);
      const std::uint64_t r0 = i * g.rows, c0 = j * g.cols;
      if (g.dataflow == Dataflow::kOutputStationary) {
        std::fill(acc.begin(), acc.end(), 0);
        for (std::uint64_t t = 0; t < g.t; ++t)  // MAC t reaches PE(r, c) at cycle t + r + c
          for (std::uint64_t r = 0; r < rows; ++r)
            for (std::uint64_t c = 0; c < cols; ++c)
              acc[r * g.cols + c] += in(r0 + r, t) * w(t, c0 + c);
        for (std::uint64_t r = 0; r < rows; ++r)
          for (std::uint64_t c = 0; c < cols; ++c) out[(r0 + r) * n + c0 + c] = acc[r * g.cols + c];
        continue;
      }
      // ws / is: a partial sum enters the top of column c and picks up one product per row.
      const bool ws = g.dataflow == Dataflow::kWeightStationary;
      for (std::uint64_t t = 0; t < g.t; ++t)
        for (std::uint64_t c = 0; c < cols; ++c) {
          std::int32_t psum = 0;
          for (std::uint64_t r = 0; r < rows; ++r)
            psum += ws ? in(t, r0 + r) * w(r0 + r, c0 + c) : in(c0 + c, r0 + r) * w(r0 + r, t);
          out[ws ? t * n + c0 + c : (c0 + c) * n + t] += psum;  // ofmap scratchpad accumulates
        }
    }
  }
  return out;
}

std::vector<std::int32_t> FunctionalGemm::reference(const GemmOperands& ops) {
  const std::uint64_t m = ops.shape.m, n = ops.shape.n, k = ops.shape.k;
  std::vector<std::int32_t> out(m * n, 0);
  for (std::uint64_t a = 0; a < m; ++a)
    for (std::uint64_t b = 0; b < n; ++b) {
      std::int32_t s = 0;
      for (std::uint64_t x = 0; x < k; ++x)
        s += static_cast<std::int32_t>(ops.in[a * k + x]) * ops.weights[x * n + b];
      out[a * n + b] = s;
    }
  return out;
}

}  // namespace xpusim::systolic
