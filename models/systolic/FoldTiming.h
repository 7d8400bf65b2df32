#pragma once
#include <cstdint>

#include "models/systolic/Dataflow.h"

namespace xpusim::systolic {

/// The cycle law of one fold on an array of `rows` x `cols` PEs streaming `t` elements, with
/// every stamp a fold-relative cycle number (0 = the fold's first cycle). One schedule serves
/// both timing modes; they differ only in how the cycles are counted and in the physical
/// options (see SystolicArray.h).
///
///   os: ifmap(t, r) enters PE row r at t + r; filter(t, c) enters PE column c at t + c;
///       PE(r, c) performs MAC t at t + r + c. Length L = T + R + C - 2.
///   ws: preload: filter row R-1-j is written into every column at cycle j (j < R); then
///       ifmap(t, r) enters row r at R + t + r, the partial sum of output t leaves the
///       bottom of column c at 2R - 1 + t + c. Length L = 2R + C + T - 2 (preload R).
///   is: as ws with ifmap and filter swapped (the ifmap tile is preloaded).
///
/// SCALE-Sim reports the index of the last cycle, L - 1; the array needs L cycles.
struct FoldTiming {
  Dataflow dataflow = Dataflow::kOutputStationary;
  std::uint64_t rows = 0;
  std::uint64_t cols = 0;
  std::uint64_t t = 0;

  bool preloads() const { return dataflow != Dataflow::kOutputStationary; }
  /// Cycles spent writing the stationary operand into the PEs (ws, is): one row per cycle.
  std::uint64_t preloadCycles() const { return preloads() ? rows : 0; }
  /// Cycles of the whole fold, L.
  std::uint64_t length() const {
    return preloads() ? 2 * rows + cols + t - 2 : t + rows + cols - 2;
  }
  /// SCALE-Sim's per-fold denominator of "Compute Util %": L for os, but rows + cols - 1 of
  /// the filter demand matrix for ws/is, which counts the columns twice: 2R + 2C + T - 3.
  std::uint64_t computeUtilLength() const {
    return preloads() ? 2 * rows + 2 * cols + t - 3 : length();
  }

  /// Cycle at which streamed element `i` enters PE row `r` (os: ifmap; ws: ifmap; is: filter).
  std::uint64_t rowStreamStamp(std::uint64_t i, std::uint64_t r) const {
    return preloadCycles() + i + r;
  }
  /// os only: cycle at which filter element `i` enters PE column `c`.
  std::uint64_t colStreamStamp(std::uint64_t i, std::uint64_t c) const { return i + c; }
  /// ws/is: cycle at which stationary row `r` is written (rows are loaded bottom row first).
  std::uint64_t preloadStamp(std::uint64_t r) const { return rows - 1 - r; }
  /// Cycle of the MAC of stream step `i` in PE(r, c).
  std::uint64_t macStamp(std::uint64_t i, std::uint64_t r, std::uint64_t c) const {
    return preloadCycles() + i + r + c;
  }
  /// ws/is: cycle at which output `i` of column `c` leaves the array (bottom edge).
  std::uint64_t outputStamp(std::uint64_t i, std::uint64_t c) const { return 2 * rows - 1 + i + c; }
  /// os, physical: cycle at which PE(r, c) holds its finished output (its last MAC).
  std::uint64_t osOutputStamp(std::uint64_t r, std::uint64_t c) const { return t - 1 + r + c; }
  /// os, SCALE-Sim: the OFMAP SRAM write stamp of PE(r, c)'s output, drained from the bottom
  /// edge: (T - 1) + (R - 1 - r) + c.
  std::uint64_t osScaleSimWriteStamp(std::uint64_t r, std::uint64_t c) const {
    return t - 1 + (rows - 1 - r) + c;
  }
};

}  // namespace xpusim::systolic
