#pragma once
#include <cmath>
#include <cstdint>
#include <numbers>

namespace xpusim::optical {

/// A counter-based random generator: Philox4x32-10 (Salmon et al., "Parallel random numbers:
/// as easy as 1, 2, 3", SC'11), written from the published round function. Every draw is a
/// pure function of (key, counter), so any entry of a huge random matrix can be produced on
/// demand, in any order, with no state and no memory.
class CounterRandom {
 public:
  /// `key` selects the whole family of numbers (the seed); `stream` separates independent uses
  /// of one seed (matrix entries, camera noise, input data).
  CounterRandom(std::uint64_t key, std::uint32_t stream) : key_(key), stream_(stream) {}

  struct Block {
    std::uint32_t word[4];
  };
  /// 128 random bits for counter (a, b): a 64-bit index and a 32-bit index.
  Block bits(std::uint64_t a, std::uint32_t b) const {
    std::uint32_t c[4] = {static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(a >> 32), b,
                          stream_};
    std::uint32_t k0 = static_cast<std::uint32_t>(key_);
    std::uint32_t k1 = static_cast<std::uint32_t>(key_ >> 32);
    for (int round = 0; round < 10; ++round) {
      const std::uint64_t p0 = std::uint64_t{0xD2511F53u} * c[0];
      const std::uint64_t p1 = std::uint64_t{0xCD9E8D57u} * c[2];
      const std::uint32_t hi0 = static_cast<std::uint32_t>(p0 >> 32);
      const std::uint32_t hi1 = static_cast<std::uint32_t>(p1 >> 32);
      const std::uint32_t n0 = hi1 ^ c[1] ^ k0;
      const std::uint32_t n2 = hi0 ^ c[3] ^ k1;
      c[1] = static_cast<std::uint32_t>(p1);
      c[3] = static_cast<std::uint32_t>(p0);
      c[0] = n0;
      c[2] = n2;
      k0 += 0x9E3779B9u;
      k1 += 0xBB67AE85u;
    }
    return Block{{c[0], c[1], c[2], c[3]}};
  }

  /// Two independent standard normal numbers for counter (a, b), by the exact Box-Muller
  /// transform of two 53-bit uniforms (the first in (0, 1], so the logarithm is finite).
  void gaussianPair(std::uint64_t a, std::uint32_t b, double& first, double& second) const {
    const Block r = bits(a, b);
    const std::uint64_t w0 = (std::uint64_t{r.word[1]} << 32) | r.word[0];
    const std::uint64_t w1 = (std::uint64_t{r.word[3]} << 32) | r.word[2];
    const double u1 = static_cast<double>((w0 >> 11) + 1) * 0x1.0p-53;  // (0, 1]
    const double u2 = static_cast<double>(w1 >> 11) * 0x1.0p-53;        // [0, 1)
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    first = radius * std::cos(angle);
    second = radius * std::sin(angle);
  }

  /// A uniform real in [0, 1) with 53 random bits for counter (a, b).
  double uniform(std::uint64_t a, std::uint32_t b) const {
    const Block r = bits(a, b);
    const std::uint64_t w = (std::uint64_t{r.word[1]} << 32) | r.word[0];
    return static_cast<double>(w >> 11) * 0x1.0p-53;
  }

 private:
  std::uint64_t key_;
  std::uint32_t stream_;
};

/// Stream numbers of the optical model's random uses (one seed, independent numbers).
enum Stream : std::uint32_t {
  kStreamMedium = 1,   ///< entries of R: counter (row, column)
  kStreamNoise = 2,    ///< camera noise: counter (frame, column)
  kStreamInput = 3,    ///< generated input data: counter (sample, feature)
  kStreamTeacher = 4,  ///< the DFA job's teacher network and initial weights
};

}  // namespace xpusim::optical
