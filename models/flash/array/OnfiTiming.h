#pragma once
#include <cstdint>
#include <vector>

#include "sim/config/ParamReader.h"
#include "sim/config/ParamSpec.h"
#include "sim/core/Tick.h"

namespace xpusim::flash {

/// Page types of multi-level cells: which bit of the cell a page stores.
enum class PageType : std::uint8_t { kLsb = 0, kCsb = 1, kMsb = 2 };

/// ONFI NV-DDR2-style command, transfer and array timing of one flash device, in picoseconds
/// (MQSim `ONFI_Channel_NVDDR2`). Every window is computed from exact rationals and rounded up
/// to the picosecond once per window: 8 KiB at 333 MT/s is 24,600,601 ps, not MQSim's 24.576 us
/// (its (int)(1000 / rate) ns truncation, reproduced only with `mqsim_rounding: true`).
class OnfiTiming {
 public:
  static std::vector<ParamSpec> params();
  static OnfiTiming read(ParamReader& p);

  /// Command + address cycles of a read of `planes` planes: tCS + 6 tWC + tWB + tRR, plus
  /// tDBSY + 6 tWC per extra plane.
  Tick readCommand(std::uint64_t planes) const;
  /// Program command + address (before the data): tCS + 6 tWC + tADL + tWPST + tWPSTH + tWB,
  /// plus tDBSY + 6 tWC per extra plane.
  Tick programCommand(std::uint64_t planes) const;
  /// Erase command: tCS + 5 tWC + tWB, plus tDBSY + 5 tWC per extra plane.
  Tick eraseCommand(std::uint64_t planes) const;
  /// Data-out preamble before each plane's data: tRPRE + tDQSRE.
  Tick dataOutSetup() const { return tRpre_ + tDqsre_; }
  /// Bus time of `bytes` of data: bytes * 8 / width transfers at `rate` MT/s, exact.
  Tick transfer(std::uint64_t bytes) const;
  /// Array read time of a page of `type`, and the ready/busy detection after it.
  Tick read(PageType type) const { return tRead_[static_cast<int>(type)]; }
  Tick readyBusyDelay() const { return tRb_; }
  Tick program(PageType type) const { return tProg_[static_cast<int>(type)]; }
  Tick erase() const { return tErase_; }
  /// Data register -> cache register move of a cache read (tDCBSYR).
  Tick cacheMove() const { return tCacheMove_; }
  /// The page type of page `page` of a block: SLC always LSB, MLC page % 2, TLC page % 3.
  PageType pageType(std::uint64_t page) const;
  std::uint64_t rateMTps() const { return rate_; }
  std::uint64_t busBits() const { return width_; }
  bool cacheOperations() const { return cache_; }

 private:
  std::uint64_t rate_ = 0, width_ = 8, levels_ = 1;
  bool mqsimRounding_ = false, cache_ = false;
  Tick tCs_ = 0, tWc_ = 0, tWb_ = 0, tRr_ = 0, tAdl_ = 0, tDbsy_ = 0, tRpre_ = 0, tDqsre_ = 0;
  Tick tWpst_ = 0, tWpsth_ = 0, tRb_ = 0, tCacheMove_ = 0, tErase_ = 0;
  Tick tRead_[3] = {0, 0, 0};
  Tick tProg_[3] = {0, 0, 0};
};

}  // namespace xpusim::flash
