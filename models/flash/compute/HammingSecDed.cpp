#include "models/flash/compute/HammingSecDed.h"

#include <bit>
#include <stdexcept>

namespace xpusim::flash {

HammingSecDed::HammingSecDed(unsigned dataBits) : dataBits_(dataBits), checkBits_(0) {
  if (dataBits == 0 || dataBits > 57) throw std::invalid_argument("Hamming: 1..57 data bits");
  while ((1u << checkBits_) < dataBits + checkBits_ + 1) ++checkBits_;
}

std::uint64_t HammingSecDed::encode(std::uint64_t data) const {
  std::uint64_t word = 0;
  unsigned syndrome = 0;
  for (unsigned pos = 1, d = 0; d < dataBits_; ++pos) {
    if (std::has_single_bit(pos)) continue;  // check-bit position
    if ((data >> d++) & 1) {
      word |= std::uint64_t{1} << pos;
      syndrome ^= pos;
    }
  }
  // Check bits make the XOR of the positions of all set bits zero.
  for (unsigned c = 0; c < checkBits_; ++c)
    if ((syndrome >> c) & 1) word |= std::uint64_t{1} << (1u << c);
  if (std::popcount(word) & 1) word |= 1;  // overall parity: even weight
  return word;
}

HammingSecDed::Decoded HammingSecDed::decode(std::uint64_t codeword) const {
  unsigned syndrome = 0;
  for (unsigned pos = 1; pos < codewordBits(); ++pos)
    if ((codeword >> pos) & 1) syndrome ^= pos;
  const bool parityOdd = std::popcount(codeword) & 1;
  Decoded out;
  if (syndrome != 0 && !parityOdd) {
    out.status = Status::kUncorrectable;  // two flips: detected, data left as read
  } else if (parityOdd) {
    if (syndrome >= codewordBits()) {
      out.status = Status::kUncorrectable;  // points outside the word: three or more flips
    } else {
      codeword ^= std::uint64_t{1} << syndrome;  // syndrome 0: the parity bit itself
      out.status = Status::kCorrected;
    }
  }
  for (unsigned pos = 1, d = 0; d < dataBits_; ++pos) {
    if (std::has_single_bit(pos)) continue;
    out.data |= ((codeword >> pos) & 1) << d++;
  }
  return out;
}

}  // namespace xpusim::flash
