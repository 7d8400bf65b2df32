#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "models/optical/OpticalJob.h"
#include "sim/core/Tick.h"

namespace xpusim::optical {

/// Ticks to process `amount` units at `rate` units per second, rounded up to a whole
/// picosecond (amount x 1e12 / rate: exact when both are whole numbers below 2^53 / 1e12).
inline Tick ticksAt(double amount, double rate) {
  return static_cast<Tick>(std::ceil(amount * static_cast<double>(kSecond) / rate));
}

/// The host CPU as a roofline: work takes max(flops / peak, bytes / memory bandwidth).
struct HostRoofline {
  double peakFlops = 0;        ///< FLOP/s
  double memoryBandwidth = 0;  ///< B/s
  Tick time(const HostWork& w) const {
    return std::max(ticksAt(w.flops, peakFlops), ticksAt(w.bytes, memoryBandwidth));
  }
};

/// The PCIe link between host and OPU, one direction: generation and lanes give the line rate
/// after 8b/10b (Gen1-2) or 128b/130b (Gen3+) coding; `efficiency` is the share left after
/// TLP/DLLP overhead. A transfer of b bytes occupies the link for b / rate and arrives
/// `latency` later. Both directions run at once (full duplex).
struct HostLink {
  unsigned generation = 2;
  unsigned lanes = 4;
  double efficiency = 1;
  Tick latency = 0;

  /// Payload bytes per second per direction.
  double bytesPerSecond() const {
    static constexpr double kLaneRate[] = {250e6, 500e6, 8e9 * 128 / 130 / 8, 16e9 * 128 / 130 / 8,
                                           32e9 * 128 / 130 / 8};
    return kLaneRate[generation - 1] * lanes * efficiency;
  }
  Tick transferTime(std::uint64_t bytes) const {
    return ticksAt(static_cast<double>(bytes), bytesPerSecond());
  }
};

}  // namespace xpusim::optical
