#pragma once
#include <cstdint>
#include <limits>

#include "models/systolic/FunctionalGemm.h"
#include "sim/cosim/StreamRecord.h"

namespace xpusim::systolic {

/// Port indices of the systolic array's canonical co-simulation stream.
enum SystolicPort : std::uint16_t {
  kStationaryPort,
  kRowPort,
  kColumnPort,
  kResultPort,
  kFoldEndPort
};

/// The ports' names, in SystolicPort order.
std::vector<std::string> systolicPortNames();

/// The model's canonical stream of one GEMM on an R x C array in physical timing (full-size
/// folds, no shadow preload), from the functional path and the fold law of FoldTiming.h:
/// folds run back to back, fold f starting at the sum of the earlier folds' lengths. Records:
///   stationary (ws/is): preload beat j at cycle j, lanes c of PE row R-1-j (used PEs only);
///   row / column: stream beat t at cycle P + t (P = preload cycles), lanes of used rows/cols;
///   result: os PE(r, c)'s sum on lane c at T - 1 + r + c; ws/is the column-c partial sum of
///   step t at 2R - 1 + t + c;
///   fold_end: the fold's index at its last cycle L - 1 (the last MAC, PE(R-1, C-1)).
/// `delayFrom` (test-only perturbation) delays every record at or after that cycle by one.
cosim::Stream modelStream(const FoldGrid& grid, const GemmOperands& ops,
                          Cycle delayFrom = std::numeric_limits<Cycle>::max());

/// Cycles of the whole GEMM under the same law (sum of the fold lengths).
Cycle modelCycles(const FoldGrid& grid);

}  // namespace xpusim::systolic
