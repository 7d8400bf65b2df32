#include "models/optical/RandomMedium.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace xpusim::optical {

namespace {
// Tile shape: kTileRows x kTileColumns entries (re and im) fit in L2. With |entry| <=
// 8.6 * 2^16 < 2^19.2 (Box-Muller radius at u = 2^-53), a sum over one tile's 512 rows stays
// below 2^28.2, so per-tile partial sums are exact in int32.
constexpr std::uint64_t kTileRows = 512;
// Adding and subtracting 1.5 * 2^52 rounds a double below 2^51 to the nearest integer (ties
// to even) in plain IEEE arithmetic, without a library call.
inline std::int32_t roundToInt(double x) {
  constexpr double kMagic = 6755399441055744.0;
  return static_cast<std::int32_t>((x + kMagic) - kMagic);
}
constexpr double kOne = 1 << RandomMedium::kFractionBits;
constexpr std::uint64_t kTileColumns = 64;
}  // namespace

RandomMedium::RandomMedium(std::uint64_t seed, std::uint64_t normalisation)
    : random_(seed, kStreamMedium),
      normalisation_(normalisation),
      scale_(std::ldexp(1.0, -kFractionBits) / std::sqrt(static_cast<double>(normalisation))) {
  if (normalisation == 0) throw std::invalid_argument("random medium: normalisation must be > 0");
}

RandomMedium::Entry RandomMedium::entry(std::uint64_t row, std::uint64_t column) const {
  double a, b;
  random_.gaussianPair(row, static_cast<std::uint32_t>(column), a, b);
  return Entry{roundToInt(a * kOne), roundToInt(b * kOne)};
}

// Tile layout: row r holds cols real parts then cols imaginary parts.
void RandomMedium::generateTile(std::uint64_t row0, std::uint64_t rows, std::uint64_t col0,
                                std::uint64_t cols, std::vector<std::int32_t>& tile) const {
  tile.resize(rows * 2 * cols);
  for (std::uint64_t r = 0; r < rows; ++r) {
    std::int32_t* line = tile.data() + r * 2 * cols;
    for (std::uint64_t c = 0; c < cols; ++c) {
      const Entry e = entry(row0 + r, col0 + c);
      line[c] = e.re;
      line[cols + c] = e.im;
    }
  }
}

void RandomMedium::project(const BitFrames& frames, std::size_t first, std::size_t count,
                           std::uint64_t firstRow, std::uint64_t columns,
                           std::vector<FieldNumerator>& out) const {
  const std::uint64_t rows = frames.bits();
  out.assign(count * columns, FieldNumerator{});
  std::vector<std::int32_t> tile;
  std::int32_t partial[2 * kTileColumns];
  for (std::uint64_t c0 = 0; c0 < columns; c0 += kTileColumns) {
    const std::uint64_t cols = std::min(kTileColumns, columns - c0);
    for (std::uint64_t r0 = 0; r0 < rows; r0 += kTileRows) {
      const std::uint64_t tileRows = std::min(kTileRows, rows - r0);
      generateTile(firstRow + r0, tileRows, c0, cols, tile);
      for (std::size_t f = 0; f < count; ++f) {
        std::fill(partial, partial + 2 * cols, 0);
        const std::uint64_t* words = frames.frame(first + f);
        for (std::uint64_t w = r0 / 64; w * 64 < r0 + tileRows; ++w) {
          std::uint64_t bits = words[w];
          while (bits) {
            const std::uint64_t r = w * 64 + static_cast<std::uint64_t>(__builtin_ctzll(bits));
            bits &= bits - 1;
            const std::int32_t* line = tile.data() + (r - r0) * 2 * cols;
            for (std::uint64_t k = 0; k < 2 * cols; ++k) partial[k] += line[k];
          }
        }
        FieldNumerator* field = out.data() + f * columns + c0;
        for (std::uint64_t k = 0; k < cols; ++k) {
          field[k].re += partial[k];
          field[k].im += partial[cols + k];
        }
      }
    }
  }
}

}  // namespace xpusim::optical
