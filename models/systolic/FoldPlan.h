#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "models/systolic/Dataflow.h"
#include "models/systolic/FoldTiming.h"
#include "models/systolic/Topology.h"

namespace xpusim::systolic {

/// Operands, in the order used by every per-operand array.
enum Operand : std::uint8_t { kIfmap = 0, kFilter = 1, kOfmap = 2 };
inline constexpr const char* kOperandNames[3] = {"ifmap", "filter", "ofmap"};

/// What the plan needs to know about the array.
struct ArrayShape {
  Dataflow dataflow = Dataflow::kOutputStationary;
  std::uint64_t rows = 0, cols = 0;
  std::uint64_t wordBytes = 1;
  std::uint64_t batch = 1;
  std::array<std::uint64_t, 3> sramBytes{};  ///< ifmap, filter, ofmap scratchpads (both halves)
  bool scaleSim = true;        ///< pad partial folds and count SCALE-Sim's OS ofmap quirk
  bool shrinkPartial = false;  ///< physical: a ragged fold occupies only its used rows/columns
};

/// One layer lowered and mapped: its GEMM, fold grid and which operands stay resident.
struct LayerPlan {
  const Layer* layer = nullptr;
  GemmShape gemm;
  FoldGrid grid;
  /// Operand fits in one half of its double-buffered scratchpad: fetched once per layer.
  bool resident[2] = {false, false};
  /// ws/is: an ofmap tile of partial sums fits in one ofmap half, so it accumulates on chip
  /// and is written back once per column fold.
  bool ofmapAccumulates = false;
};

/// One fold: where it sits, how long it runs, and the data it moves.
struct Fold {
  std::size_t layer = 0;
  std::uint64_t seq = 0;    ///< position in the whole run, from 0
  std::uint64_t index = 0;  ///< position in its layer (col fold outer, row fold inner)
  std::uint64_t rowFold = 0, colFold = 0;
  std::uint64_t rowsUsed = 0, colsUsed = 0;
  FoldTiming timing;                       ///< padded (R x C) or shrunk (rows used x cols used)
  std::uint64_t fetchWords[2] = {0, 0};    ///< ifmap, filter words read from backing memory
  std::uint64_t writeWords = 0;            ///< ofmap words written back after the fold
  std::uint64_t sramWords[3] = {0, 0, 0};  ///< ifmap, filter SRAM reads; ofmap SRAM writes
  bool firstOfLayer = false;
  bool lastOfLayer = false;
};

/// Lowers and maps every layer, then walks the folds of the run in order, one at a time, with
/// no per-fold storage. Backing-memory traffic follows double buffering: an operand that fits
/// in half of its scratchpad is loaded whole (distinct words) before the layer's first fold;
/// otherwise a fold fetches its tile unless the previous fold used the same tile. SRAM counts
/// are SCALE-Sim's (section 7 of reference/systolic.md), the OS quirk only in scalesim mode.
class FoldPlan {
 public:
  FoldPlan(const std::vector<Layer>& layers, const ArrayShape& shape);

  const std::vector<LayerPlan>& layers() const { return layers_; }
  const ArrayShape& shape() const { return shape_; }
  std::uint64_t totalFolds() const { return totalFolds_; }

  /// Restarts the walk at the first fold.
  void rewind();
  /// The next fold into `out`; false after the last.
  bool next(Fold& out);

 private:
  void fill(Fold& f) const;

  std::vector<LayerPlan> layers_;
  ArrayShape shape_;
  std::uint64_t totalFolds_ = 0;
  std::size_t layer_ = 0;
  std::uint64_t index_ = 0;
  std::uint64_t seq_ = 0;
};

}  // namespace xpusim::systolic
