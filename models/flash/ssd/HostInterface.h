#pragma once
#include <cstdint>
#include <vector>

#include "sim/config/ParamReader.h"
#include "sim/config/ParamSpec.h"
#include "sim/core/Tick.h"

namespace xpusim::flash {

/// The SSD's PCIe host link: generation (line rate and encoding) x lanes, full duplex, one
/// transfer at a time per direction; plus a fixed per-request protocol latency.
class HostInterface {
 public:
  static std::vector<ParamSpec> params();
  static HostInterface read(ParamReader& p);

  /// Wire time of `bytes` of payload: bytes * 8 * (encoding overhead) / (rate * lanes), exact,
  /// rounded up once to the picosecond. Gen 1-2: 8b/10b at 2.5 / 5 GT/s; Gen 3-5: 128b/130b at
  /// 8 / 16 / 32 GT/s.
  Tick wireTime(std::uint64_t bytes) const;
  /// Books a transfer of `bytes` ready at `ready` in direction `toHost`; returns its end.
  Tick book(std::uint64_t bytes, Tick ready, bool toHost);
  Tick latency() const { return latency_; }
  /// Payload bytes per second per direction (for reports).
  double bandwidth() const;

 private:
  std::uint64_t megaTransfers_ = 0, lanes_ = 0, encNum_ = 1, encDen_ = 1;
  Tick latency_ = 0;
  Tick busyUntil_[2] = {0, 0};
};

}  // namespace xpusim::flash
