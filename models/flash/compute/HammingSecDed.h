#pragma once
#include <cstdint>

namespace xpusim::flash {

/// An extended Hamming code (SEC-DED) over `dataBits` (1..57) data bits: r check bits with
/// 2^r >= dataBits + r + 1 at the power-of-two positions 1, 2, 4, ... of the codeword, plus an
/// overall parity bit at position 0. Corrects any single flipped bit, detects (and reports,
/// without touching the data) any two.
class HammingSecDed {
 public:
  enum class Status { kClean, kCorrected, kUncorrectable };
  struct Decoded {
    std::uint64_t data = 0;
    Status status = Status::kClean;
  };
  explicit HammingSecDed(unsigned dataBits);
  unsigned dataBits() const { return dataBits_; }
  unsigned checkBits() const { return checkBits_; }
  /// Codeword length including the overall parity bit.
  unsigned codewordBits() const { return dataBits_ + checkBits_ + 1; }
  std::uint64_t encode(std::uint64_t data) const;
  Decoded decode(std::uint64_t codeword) const;

 private:
  unsigned dataBits_, checkBits_;
};

}  // namespace xpusim::flash
