#include "models/systolic/CosimStream.h"

#include "models/systolic/FoldOperands.h"
#include "models/systolic/FoldTiming.h"

namespace xpusim::systolic {

namespace {

/// Records of the whole GEMM: per fold, the used PEs' preload (ws/is), T beats of the used rows
/// and (os) columns, the results and fold_end; summed over the folds, sum rowsUsed = colFolds x
/// Sr, sum colsUsed = rowFolds x Sc and sum rowsUsed x colsUsed = Sr x Sc. The same count for
/// every dataflow: os has T x C column beats and R x C results where ws/is have R x C preloads
/// and T x C results.
std::uint64_t recordCount(const FoldGrid& g) {
  return g.sr * g.sc + g.t * (g.sr * g.colFolds + g.sc * g.rowFolds) + g.folds();
}

}  // namespace

std::vector<std::string> systolicPortNames() {
  return {"stationary", "row", "column", "result", "fold_end"};
}

Cycle modelCycles(const FoldGrid& g) {
  const FoldTiming law{g.dataflow, g.rows, g.cols, g.t};
  return g.folds() * law.length();
}

cosim::Stream modelStream(const FoldGrid& g, const GemmOperands& ops, Cycle delayFrom) {
  cosim::Stream s;
  s.ports = systolicPortNames();
  const FoldTiming law{g.dataflow, g.rows, g.cols, g.t};
  const bool os = g.dataflow == Dataflow::kOutputStationary;
  const FunctionalGemm path(g, ops);
  std::vector<std::int32_t> sums(path.foldSumsSize());
  auto& out = s.records;
  out.reserve(recordCount(g));
  Cycle start = 0;
  auto emit = [&](Cycle c, SystolicPort p, std::uint64_t lane, std::int64_t v) {
    const Cycle at = start + c;
    out.push_back({at + (at >= delayFrom), p, static_cast<std::uint16_t>(lane), v});
  };
  // Every stamp of the law is a start stamp plus the step, PE row or column index (slope 1;
  // preload rows go backwards), so the fold is emitted cycle by cycle, each cycle's records in
  // port then lane order: the stream order, with no sort. Folds run back to back and every
  // record of a fold lies within its L cycles; the delay keeps the order.
  const Cycle preload0 = law.preloadStamp(0), row0 = law.rowStreamStamp(0, 0);
  const Cycle col0 = law.colStreamStamp(0, 0);
  for (std::uint64_t j = 0; j < g.colFolds; ++j) {
    for (std::uint64_t i = 0; i < g.rowFolds; ++i, start += law.length()) {
      const FoldOperands f{g, ops, i, j};
      const std::uint64_t rows = f.rowsUsed(), cols = f.colsUsed();
      path.foldSums(i, j, sums);  // the functional path: os PE sums, ws/is column partial sums
      for (Cycle now = 0; now < law.length(); ++now) {
        if (!os && now <= preload0 && preload0 - now < rows)  // stationary row r at R - 1 - r
          for (std::uint64_t c = 0; c < cols; ++c)
            emit(now, kStationaryPort, c, f.stationary(preload0 - now, c));
        if (now >= row0 && now - row0 < g.t)
          for (std::uint64_t r = 0; r < rows; ++r) emit(now, kRowPort, r, f.row(now - row0, r));
        if (os && now >= col0 && now - col0 < g.t)
          for (std::uint64_t c = 0; c < cols; ++c)
            emit(now, kColumnPort, c, f.column(now - col0, c));
        for (std::uint64_t c = 0; c < cols; ++c) {  // os: PE row p's sum; ws/is: step p's
          const Cycle first = os ? law.osOutputStamp(0, c) : law.outputStamp(0, c);
          const std::uint64_t p = now - first;
          if (now >= first && p < (os ? rows : g.t))
            emit(now, kResultPort, c, sums[p * g.cols + c]);
        }
      }
      emit(law.length() - 1, kFoldEndPort, 0, static_cast<std::int64_t>(j * g.rowFolds + i));
    }
  }
  return s;
}

}  // namespace xpusim::systolic
