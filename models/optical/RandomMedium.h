#pragma once
#include <cstdint>
#include <vector>

#include "models/optical/BitFrames.h"
#include "models/optical/CounterRandom.h"

namespace xpusim::optical {

/// The complex field at one camera pixel, as exact integer numerators: the field is
/// (re + i im) * RandomMedium::scale().
struct FieldNumerator {
  std::int64_t re = 0;
  std::int64_t im = 0;
};

/// The multiple-scattering medium: a fixed random complex matrix R (rows = DMD pixels, columns =
/// camera pixels) with R_ij = (A_ij + i B_ij) / sqrt(n), A and B independent standard normals,
/// so Re and Im are N(0, 1/n) and E|R_ij|^2 = 2/n (lightonml's normalisation, n = n_features).
///
/// Entries are never stored: (A_ij, B_ij) is one Box-Muller pair of the counter-based generator
/// at counter (i, j) under the medium seed, so any entry is reproducible in any order. They are
/// held in fixed point, round(A * 2^16) as int32 (resolution 1.5e-5 standard deviations, far
/// below float32 noise), so the field of a binary frame is an exact integer sum: projections are
/// associative and bit-plane decoding is exact.
class RandomMedium {
 public:
  static constexpr int kFractionBits = 16;

  /// `normalisation` is n in N(0, 1/n) (the number of input features).
  RandomMedium(std::uint64_t seed, std::uint64_t normalisation);

  struct Entry {
    std::int32_t re;
    std::int32_t im;
  };
  /// Fixed-point numerators of R(row, column).
  Entry entry(std::uint64_t row, std::uint64_t column) const;
  /// Multiplier from numerators to field units: 2^-16 / sqrt(n).
  double scale() const { return scale_; }
  std::uint64_t normalisation() const { return normalisation_; }

  /// Fields of frames [first, first + count) at columns [0, columns): pixel p of a frame
  /// drives row `firstRow + p`. `out` gets count x columns numerators, frame-major. Tiled so
  /// each entry is generated once per call whatever the number of frames.
  void project(const BitFrames& frames, std::size_t first, std::size_t count,
               std::uint64_t firstRow, std::uint64_t columns,
               std::vector<FieldNumerator>& out) const;

 private:
  void generateTile(std::uint64_t row0, std::uint64_t rows, std::uint64_t col0, std::uint64_t cols,
                    std::vector<std::int32_t>& tile) const;

  CounterRandom random_;
  std::uint64_t normalisation_;
  double scale_;
};

}  // namespace xpusim::optical
