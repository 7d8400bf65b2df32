#include "models/flash/compute/OutlierEcc.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <numeric>

namespace xpusim::flash {

namespace {
constexpr unsigned kAddressBits = 14;  // 16384 values per 16 KiB page
std::uint8_t majority(std::uint8_t a, std::uint8_t b, std::uint8_t c) {
  return static_cast<std::uint8_t>((a & b) | (a & c) | (b & c));
}
int magnitude(std::int8_t v) {
  return std::abs(static_cast<int>(v));
}
}  // namespace

std::vector<ParamSpec> OutlierEcc::params() {
  return {
      Param::real("ecc_outlier_fraction", "", "share of each page's values protected").def("0.01"),
      Param::time("ecc_latency", "on-die decode time per page (majority votes + Hamming)")
          .def("1us"),
      Param::real("rber", "", "raw bit-error rate of the flash array").def("1e-4"),
  };
}

OutlierEcc OutlierEcc::read(ParamReader& p, std::uint64_t pageBytes) {
  const double fraction = p.real("ecc_outlier_fraction");
  if (!(fraction > 0 && fraction < 1)) throw p.error("ecc_outlier_fraction", "must be in (0, 1)");
  const double rber = p.real("rber");
  if (!(rber >= 0 && rber < 0.5)) throw p.error("rber", "must be in [0, 0.5)");
  if (pageBytes > (std::uint64_t{1} << kAddressBits))
    throw p.error("ecc_outlier_fraction", "outlier addresses are 14 bits: pages up to 16 KiB");
  return OutlierEcc(fraction, pageBytes, p.time("ecc_latency"), rber);
}

OutlierEcc::OutlierEcc(double fraction, std::uint64_t pageBytes, Tick latency, double rber)
    : address_(kAddressBits),
      fraction_(fraction),
      values_(pageBytes),
      entries_(static_cast<std::uint64_t>(std::floor(fraction * static_cast<double>(pageBytes)))),
      latency_(latency),
      rber_(rber) {}

std::uint64_t OutlierEcc::spareBytes() const {
  const std::uint64_t bits = entries_ * (address_.codewordBits() + 16);
  return (bits + 7) / 8 + kThresholdCopies;
}

OutlierEcc::Spare OutlierEcc::protect(const std::vector<std::int8_t>& page) const {
  std::vector<std::uint32_t> order(page.size());
  std::iota(order.begin(), order.end(), 0u);
  // Largest magnitudes first; ties by address so the choice is deterministic.
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return magnitude(page[a]) > magnitude(page[b]);
  });
  Spare s;
  for (std::uint64_t e = 0; e < entries_; ++e) {
    const std::uint32_t a = order[e];
    s.addressWords.push_back(address_.encode(a));
    s.copyA.push_back(static_cast<std::uint8_t>(page[a]));
    s.copyB.push_back(static_cast<std::uint8_t>(page[a]));
  }
  const auto threshold =
      static_cast<std::uint8_t>(entries_ < page.size() ? magnitude(page[order[entries_]]) : 0);
  s.threshold.fill(threshold);
  return s;
}

OutlierEcc::Report OutlierEcc::repair(std::vector<std::int8_t>& page, const Spare& spare) const {
  Report r;
  // Threshold: bitwise majority of its 9 copies.
  std::uint8_t threshold = 0;
  for (unsigned bit = 0; bit < 8; ++bit) {
    unsigned ones = 0;
    for (std::uint8_t c : spare.threshold) ones += (c >> bit) & 1;
    if (ones > kThresholdCopies / 2) threshold |= static_cast<std::uint8_t>(1u << bit);
  }
  std::vector<bool> isOutlier(page.size(), false);
  for (std::size_t e = 0; e < spare.addressWords.size(); ++e) {
    const HammingSecDed::Decoded d = address_.decode(spare.addressWords[e]);
    if (d.status == HammingSecDed::Status::kUncorrectable || d.data >= page.size()) {
      ++r.failedEntries;
      continue;
    }
    if (d.status == HammingSecDed::Status::kCorrected) ++r.correctedAddressBits;
    const auto inPage = static_cast<std::uint8_t>(page[d.data]);
    const std::uint8_t voted = majority(inPage, spare.copyA[e], spare.copyB[e]);
    r.correctedValueBits += static_cast<std::uint64_t>(std::popcount<std::uint8_t>(inPage ^ voted));
    page[d.data] = static_cast<std::int8_t>(voted);
    isOutlier[d.data] = true;
  }
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (!isOutlier[i] && magnitude(page[i]) > threshold) {
      page[i] = 0;
      ++r.clipped;
    }
  }
  return r;
}

double OutlierEcc::entryFailureProbability() const {
  const double n = address_.codewordBits();
  const double p = rber_;
  // 1 - P(0 flips) - P(1 flip)
  return 1.0 - std::pow(1 - p, n) - n * p * std::pow(1 - p, n - 1);
}

}  // namespace xpusim::flash
