#include "models/systolic/FoldPlan.h"

namespace xpusim::systolic {

FoldPlan::FoldPlan(const std::vector<Layer>& layers, const ArrayShape& shape) : shape_(shape) {
  for (const Layer& l : layers) {
    LayerPlan p;
    p.layer = &l;
    p.gemm = l.gemm(shape.batch);
    p.grid = FoldGrid::map(shape.dataflow, p.gemm, shape.rows, shape.cols);
    const std::uint64_t ifmapBytes = l.ifmapWords(shape.batch) * shape.wordBytes;
    const std::uint64_t filterBytes = p.gemm.k * p.gemm.n * shape.wordBytes;
    p.resident[kIfmap] = ifmapBytes <= shape.sramBytes[kIfmap] / 2;
    p.resident[kFilter] = filterBytes <= shape.sramBytes[kFilter] / 2;
    p.ofmapAccumulates = p.grid.t * shape.cols * shape.wordBytes <= shape.sramBytes[kOfmap] / 2;
    totalFolds_ += p.grid.folds();
    layers_.push_back(p);
  }
}

void FoldPlan::rewind() {
  layer_ = 0;
  index_ = 0;
  seq_ = 0;
}

bool FoldPlan::next(Fold& out) {
  if (layer_ >= layers_.size()) return false;
  out = Fold{};
  out.layer = layer_;
  out.seq = seq_++;
  out.index = index_;
  fill(out);
  if (++index_ == layers_[layer_].grid.folds()) {
    index_ = 0;
    ++layer_;
  }
  return true;
}

void FoldPlan::fill(Fold& f) const {
  const LayerPlan& p = layers_[f.layer];
  const FoldGrid& g = p.grid;
  const std::uint64_t rf = g.rowFolds;
  f.colFold = f.index / rf;
  f.rowFold = f.index % rf;
  f.rowsUsed = g.rowsUsed(f.rowFold);
  f.colsUsed = g.colsUsed(f.colFold);
  f.firstOfLayer = f.index == 0;
  f.lastOfLayer = f.index + 1 == g.folds();
  const bool shrink = shape_.shrinkPartial && !shape_.scaleSim;
  f.timing = {g.dataflow, shrink ? f.rowsUsed : g.rows, shrink ? f.colsUsed : g.cols, g.t};

  const std::uint64_t r = f.rowsUsed, c = f.colsUsed, t = g.t;
  // Tiles per fold and whether the previous fold already holds them (loop: col outer, row inner).
  std::uint64_t tile[2] = {0, 0};
  bool sameAsPrevious[2] = {false, false};
  switch (g.dataflow) {
    case Dataflow::kOutputStationary:
      tile[kIfmap] = r * t;   // rows of In for row fold i, all K
      tile[kFilter] = t * c;  // columns of W for column fold j, all K
      sameAsPrevious[kIfmap] = rf == 1 && !f.firstOfLayer;
      sameAsPrevious[kFilter] = f.rowFold != 0;
      f.sramWords[kOfmap] = r * c + (shape_.scaleSim ? g.rows + g.cols : 0);
      f.writeWords = r * c;
      break;
    case Dataflow::kWeightStationary:
      tile[kIfmap] = t * r;   // K slice i of every row of In
      tile[kFilter] = r * c;  // the stationary W tile (i, j)
      sameAsPrevious[kIfmap] = rf == 1 && !f.firstOfLayer;
      f.sramWords[kOfmap] = t * c;
      break;
    case Dataflow::kInputStationary:
      tile[kIfmap] = r * c;   // the stationary In tile (j, i)
      tile[kFilter] = r * t;  // K slice i of every column of W
      sameAsPrevious[kFilter] = rf == 1 && !f.firstOfLayer;
      f.sramWords[kOfmap] = t * c;
      break;
  }
  if (g.dataflow != Dataflow::kOutputStationary)
    f.writeWords = !p.ofmapAccumulates ? t * c : (f.rowFold + 1 == rf ? t * c : 0);
  f.sramWords[kIfmap] = tile[kIfmap];
  f.sramWords[kFilter] = tile[kFilter];
  const std::uint64_t whole[2] = {p.layer->ifmapWords(shape_.batch), p.gemm.k * p.gemm.n};
  for (int op : {kIfmap, kFilter}) {
    if (p.resident[op])
      f.fetchWords[op] = f.firstOfLayer ? whole[op] : 0;
    else
      f.fetchWords[op] = sameAsPrevious[op] ? 0 : tile[op];
  }
}

}  // namespace xpusim::systolic
