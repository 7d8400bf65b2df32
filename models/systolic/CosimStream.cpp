#include "models/systolic/CosimStream.h"

#include <algorithm>

#include "models/systolic/FoldOperands.h"
#include "models/systolic/FoldTiming.h"

namespace xpusim::systolic {

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
  auto& out = s.records;
  Cycle start = 0;
  for (std::uint64_t j = 0; j < g.colFolds; ++j) {
    for (std::uint64_t i = 0; i < g.rowFolds; ++i, start += law.length()) {
      const FoldOperands f{g, ops, i, j};
      out.push_back({start + law.length() - 1, kFoldEndPort, 0,
                     static_cast<std::int64_t>(j * g.rowFolds + i)});
      const std::uint64_t rows = f.rowsUsed(), cols = f.colsUsed();
      auto emit = [&](Cycle c, SystolicPort p, std::uint64_t lane, std::int64_t v) {
        out.push_back({start + c, p, static_cast<std::uint16_t>(lane), v});
      };
      for (std::uint64_t r = 0; r < rows && !os; ++r)
        for (std::uint64_t c = 0; c < cols; ++c)
          emit(law.preloadStamp(r), kStationaryPort, c, f.stationary(r, c));
      for (std::uint64_t t = 0; t < g.t; ++t) {
        for (std::uint64_t r = 0; r < rows; ++r)
          emit(law.rowStreamStamp(t, 0), kRowPort, r, f.row(t, r));
        for (std::uint64_t c = 0; c < cols && os; ++c)
          emit(law.colStreamStamp(t, 0), kColumnPort, c, f.column(t, c));
      }
      // The functional path: each PE's (os) or column's (ws/is) sum, stamped by the law.
      for (std::uint64_t c = 0; c < cols; ++c) {
        if (os) {
          for (std::uint64_t r = 0; r < rows; ++r) {
            std::int32_t acc = 0;
            for (std::uint64_t t = 0; t < g.t; ++t) acc += f.row(t, r) * f.column(t, c);
            emit(law.osOutputStamp(r, c), kResultPort, c, acc);
          }
          continue;
        }
        for (std::uint64_t t = 0; t < g.t; ++t) {
          std::int32_t psum = 0;
          for (std::uint64_t r = 0; r < rows; ++r) psum += f.row(t, r) * f.stationary(r, c);
          emit(law.outputStamp(t, c), kResultPort, c, psum);
        }
      }
    }
  }
  for (auto& r : out)
    if (r.cycle >= delayFrom) ++r.cycle;
  std::sort(out.begin(), out.end());
  return s;
}

}  // namespace xpusim::systolic
