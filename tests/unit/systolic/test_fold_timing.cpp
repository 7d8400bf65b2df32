// Per-fold event stamps on a 4x4 array (reference/systolic.md sections 3.1 and 4.1). SCALE-Sim
// trace stamps are fold cycles + 1 for SRAM reads and + 0 for ofmap writes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/systolic/FoldTiming.h"

using namespace xpusim::systolic;

namespace {
constexpr std::uint64_t kN = 4;
FoldTiming fold(Dataflow d) {
  return {d, kN, kN, kN};
}
}  // namespace

TEST_CASE("os 4x4: reads from stamp 1, ofmap writes 3..9, 9 reported, 10 physical",
          "[systolic][stamps]") {
  const FoldTiming f = fold(Dataflow::kOutputStationary);
  CHECK(f.rowStreamStamp(0, 0) + 1 == 1);  // first ifmap read
  CHECK(f.colStreamStamp(0, 0) + 1 == 1);  // first filter read
  CHECK(f.rowStreamStamp(3, 3) + 1 == 7);  // last ifmap read: t = 3, row 3
  std::uint64_t first = ~0ULL, last = 0;
  for (std::uint64_t r = 0; r < kN; ++r)
    for (std::uint64_t c = 0; c < kN; ++c) {
      first = std::min(first, f.osScaleSimWriteStamp(r, c));
      last = std::max(last, f.osScaleSimWriteStamp(r, c));
    }
  CHECK(first == 3);
  CHECK(last == 9);
  CHECK(f.osScaleSimWriteStamp(kN - 1, 0) == 3);  // the bottom row drains first
  CHECK(f.macStamp(3, 3, 3) == 9);                // last MAC in PE(3, 3)
  CHECK(f.osOutputStamp(3, 3) == 9);
  CHECK(f.length() == 10);
}

TEST_CASE("ws 4x4: filter preload 1..4 reversed, ifmap 5..11, ofmap 7..13", "[systolic][stamps]") {
  const FoldTiming f = fold(Dataflow::kWeightStationary);
  CHECK(f.preloadStamp(kN - 1) + 1 == 1);  // the bottom filter row is read first
  CHECK(f.preloadStamp(0) + 1 == 4);
  CHECK(f.rowStreamStamp(0, 0) + 1 == 5);
  CHECK(f.rowStreamStamp(3, 3) + 1 == 11);
  CHECK(f.outputStamp(0, 0) == 7);
  CHECK(f.outputStamp(3, 3) == 13);
  CHECK(f.macStamp(0, 0, 0) == 4);  // first MAC right after the preload
  CHECK(f.length() == 14);          // 13 reported by SCALE-Sim
  CHECK(f.computeUtilLength() == 2 * 4 + 2 * 4 + 4 - 3);
}

TEST_CASE("is 4x4: ifmap preload 1..4, filter 5..11, ofmap 7..13", "[systolic][stamps]") {
  const FoldTiming f = fold(Dataflow::kInputStationary);
  CHECK(f.preloadCycles() == 4);
  CHECK(f.preloadStamp(3) + 1 == 1);
  CHECK(f.preloadStamp(0) + 1 == 4);
  CHECK(f.rowStreamStamp(0, 0) + 1 == 5);
  CHECK(f.rowStreamStamp(3, 3) + 1 == 11);
  CHECK(f.outputStamp(0, 0) == 7);
  CHECK(f.outputStamp(3, 3) == 13);
  CHECK(f.length() == 14);
}

TEST_CASE("ws partial sums leave a column one cycle after they pass its last row",
          "[systolic][stamps]") {
  // The partial sum of output t in column c is completed by PE(R-1, c) at its MAC stamp and
  // leaves the array at that same cycle: 2R - 1 + t + c = R + t + (R - 1) + c.
  const FoldTiming f = fold(Dataflow::kWeightStationary);
  for (std::uint64_t t = 0; t < kN; ++t)
    for (std::uint64_t c = 0; c < kN; ++c) CHECK(f.outputStamp(t, c) == f.macStamp(t, kN - 1, c));
}
