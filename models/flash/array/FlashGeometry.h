#pragma once
#include <cstdint>
#include <vector>

#include "sim/config/ParamReader.h"
#include "sim/config/ParamSpec.h"

namespace xpusim::flash {

/// Where a page lives: channel -> chip (way) -> die (LUN) -> plane -> block -> page.
struct PageAddress {
  std::uint32_t channel = 0, chip = 0, die = 0, plane = 0, block = 0, page = 0;
};

/// The organisation of a NAND flash array (counts per parent level; sizes in bytes).
struct FlashGeometry {
  std::uint64_t channels = 0, chipsPerChannel = 0, diesPerChip = 0, planesPerDie = 0;
  std::uint64_t blocksPerPlane = 0, pagesPerBlock = 0;
  std::uint64_t pageBytes = 0;   ///< user data per page
  std::uint64_t spareBytes = 0;  ///< out-of-band (spare) area per page

  /// Declarations of the geometry parameters (shared by every flash component).
  static std::vector<ParamSpec> params();
  /// Reads and checks them (every count >= 1, planes <= 8).
  static FlashGeometry read(ParamReader& p);

  std::uint64_t diesPerChannel() const { return chipsPerChannel * diesPerChip; }
  std::uint64_t dies() const { return channels * diesPerChannel(); }
  std::uint64_t planes() const { return dies() * planesPerDie; }
  std::uint64_t pagesPerPlane() const { return blocksPerPlane * pagesPerBlock; }
  std::uint64_t totalPages() const { return planes() * pagesPerPlane(); }
  /// Flat die index: channel-major, then chip, then die.
  std::uint64_t dieIndex(const PageAddress& a) const {
    return (a.channel * chipsPerChannel + a.chip) * diesPerChip + a.die;
  }
  /// The page at flat plane-page number `n` striped channel first, then chip, die, plane
  /// (MQSim's CWDP allocation order): consecutive numbers land on different channels.
  PageAddress stripe(std::uint64_t n) const;
};

}  // namespace xpusim::flash
