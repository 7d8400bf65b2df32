#pragma once
#include <cstdint>
#include <string>

#include "models/optical/BitFrames.h"

namespace xpusim::optical {

/// Where the pixels of an encoded frame sit on the DMD. A frame is `height` rows of `width`
/// mirrors; pixel i of the frame sits at row row0 + i / cols, column col0 + i % cols (the active
/// area, filled row by row); every other mirror, the last active row's tail included, shows
/// `pad` (lightonml pads the area outside its input region of interest with ones; 0 leaves it
/// dark). Pixel i still drives row i of the random matrix: the layout is the physical placement.
struct DmdLayout {
  std::uint64_t width = 64;  ///< mirrors per DMD row
  std::uint64_t height = 1;  ///< DMD rows per frame
  std::uint64_t col0 = 0;    ///< first column of the active area
  std::uint64_t cols = 64;   ///< columns of the active area
  std::uint64_t row0 = 0;    ///< first row of the active area
  bool pad = false;          ///< the mirrors outside the active area: on (1) or off (0)

  /// Rows the active area spans for `pixels` pixels: ceil(pixels / cols).
  std::uint64_t activeRows(std::uint64_t pixels) const { return (pixels + cols - 1) / cols; }
  /// Empty when a frame of `pixels` pixels fits this layout, else what does not fit.
  std::string check(std::uint64_t pixels) const;
  /// Mirrors [first, first + count) of row `row` of frame `f` (count <= 64): bit k = mirror
  /// first + k; mirrors at or past `width` read 0.
  std::uint64_t rowBits(const BitFrames& frames, std::size_t f, std::uint64_t row,
                        std::uint64_t first, unsigned count) const;
};

}  // namespace xpusim::optical
