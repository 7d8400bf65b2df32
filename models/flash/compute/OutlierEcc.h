#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "models/flash/compute/HammingSecDed.h"
#include "sim/config/ParamReader.h"
#include "sim/config/ParamSpec.h"
#include "sim/core/Tick.h"

namespace xpusim::flash {

/// Cambricon-LLM's on-die error correction for int8 weight pages (MICRO'24, arXiv:2409.15654):
/// only the largest `fraction` of each page's values (the outliers, 163 of 16384 at 1 %) are
/// protected, in the spare area, each by its 14-bit in-page address under a Hamming code and
/// two copies of its value (bitwise majority with the value in the page); a threshold (the
/// largest non-outlier magnitude) stored in 9 copies clips to zero every other value a bit
/// error pushed above it. xpusim uses SEC-DED for the address (one more bit than the paper's
/// 5-bit SEC code: 743 B instead of 722 B per 16 KiB page) so a double flip is reported, not
/// miscorrected. A reported (failed) entry leaves its value uncorrected: its address is lost.
class OutlierEcc {
 public:
  static constexpr unsigned kThresholdCopies = 9;
  struct Spare {
    std::vector<std::uint64_t> addressWords;  ///< SEC-DED codewords of the outlier addresses
    std::vector<std::uint8_t> copyA, copyB;   ///< value copies
    std::array<std::uint8_t, kThresholdCopies> threshold{};
  };
  struct Report {
    std::uint64_t correctedAddressBits = 0;  ///< single flips fixed in address words
    std::uint64_t correctedValueBits = 0;    ///< value bits fixed by majority
    std::uint64_t failedEntries = 0;         ///< address words with a detected double flip
    std::uint64_t clipped = 0;               ///< non-outliers above the threshold set to 0
  };

  static std::vector<ParamSpec> params();
  static OutlierEcc read(ParamReader& p, std::uint64_t pageBytes);
  OutlierEcc(double fraction, std::uint64_t pageBytes, Tick latency, double rber);

  /// Outlier entries per page: floor(fraction * values).
  std::uint64_t entries() const { return entries_; }
  /// Bits of one outlier-address codeword (SEC-DED over the 14-bit address).
  unsigned addressWordBits() const { return address_.codewordBits(); }
  /// Spare bytes the protection needs per page.
  std::uint64_t spareBytes() const;
  /// On-die decode time per page, and the raw bit-error rate of the array.
  Tick latency() const { return latency_; }
  double rber() const { return rber_; }
  /// Builds the spare-area record of an error-free page of int8 values.
  Spare protect(const std::vector<std::int8_t>& page) const;
  /// Repairs a page (and its spare record) read with bit errors, in place.
  Report repair(std::vector<std::int8_t>& page, const Spare& spare) const;
  /// Probability that an entry's address word holds two or more flipped bits (reported).
  double entryFailureProbability() const;

 private:
  HammingSecDed address_;
  double fraction_;
  std::uint64_t values_, entries_;
  Tick latency_;
  double rber_;
};

}  // namespace xpusim::flash
