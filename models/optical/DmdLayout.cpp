#include "models/optical/DmdLayout.h"

#include <fmt/format.h>

namespace xpusim::optical {

std::string DmdLayout::check(std::uint64_t pixels) const {
  if (width == 0 || cols == 0) return "the DMD row and the active area need at least one column";
  if (col0 + cols > width)
    return fmt::format("active columns {}..{} lie outside the {}-mirror row", col0, col0 + cols - 1,
                       width);
  if (row0 + activeRows(pixels) > height)
    return fmt::format("{} pixels need rows {}..{} ({} per row) but the frame has {} rows", pixels,
                       row0, row0 + activeRows(pixels) - 1, cols, height);
  return {};
}

std::uint64_t DmdLayout::rowBits(const BitFrames& frames, std::size_t f, std::uint64_t row,
                                 std::uint64_t first, unsigned count) const {
  std::uint64_t bits = 0;
  for (unsigned k = 0; k < count; ++k) {
    const std::uint64_t c = first + k;
    if (c >= width) break;
    bool on = pad;
    if (row >= row0 && c >= col0 && c < col0 + cols) {
      const std::uint64_t i = (row - row0) * cols + (c - col0);
      if (i < frames.bits()) on = frames.get(f, i);
    }
    bits |= std::uint64_t{on} << k;
  }
  return bits;
}

}  // namespace xpusim::optical
