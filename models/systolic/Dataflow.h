#pragma once
#include <algorithm>
#include <cstdint>
#include <string_view>

namespace xpusim::systolic {

/// Which operand stays in the processing elements while the others stream through.
enum class Dataflow : std::uint8_t {
  kOutputStationary,  ///< "os": rows hold M (ofmap pixels), columns N (filters), K streams
  kWeightStationary,  ///< "ws": rows hold K (window), columns N (filters), M streams
  kInputStationary,   ///< "is": rows hold K (window), columns M (ofmap pixels), N streams
};

/// "os" / "ws" / "is" -> dataflow (SCALE-Sim's spelling); throws std::invalid_argument.
Dataflow dataflowNamed(std::string_view name);
const char* dataflowName(Dataflow d);

/// A GEMM Out[M x N] = In[M x K] * W[K x N]: the lowered form of every layer.
struct GemmShape {
  std::uint64_t m = 0;  ///< output rows (ofmap pixels x batch)
  std::uint64_t n = 0;  ///< output columns (filters)
  std::uint64_t k = 0;  ///< reduction length (filter window x channels)
  std::uint64_t macs() const { return m * n * k; }
};

/// A GEMM mapped onto an R x C array (SCALE-Sim `set_params`): Sr on rows, Sc on columns, T in
/// time, cut into row_folds x col_folds folds run in the order `for col: for row:`.
struct FoldGrid {
  Dataflow dataflow = Dataflow::kOutputStationary;
  std::uint64_t rows = 0;  ///< R, PE rows
  std::uint64_t cols = 0;  ///< C, PE columns
  std::uint64_t sr = 0;    ///< spatial extent mapped on the rows
  std::uint64_t sc = 0;    ///< spatial extent mapped on the columns
  std::uint64_t t = 0;     ///< temporal extent streamed through the array
  std::uint64_t rowFolds = 0;
  std::uint64_t colFolds = 0;

  static FoldGrid map(Dataflow d, const GemmShape& g, std::uint64_t rows, std::uint64_t cols);
  std::uint64_t folds() const { return rowFolds * colFolds; }
  /// Occupied PE rows of row fold `i` (the last one may be ragged).
  std::uint64_t rowsUsed(std::uint64_t i) const { return std::min(rows, sr - i * rows); }
  /// Occupied PE columns of column fold `j`.
  std::uint64_t colsUsed(std::uint64_t j) const { return std::min(cols, sc - j * cols); }
};

}  // namespace xpusim::systolic
