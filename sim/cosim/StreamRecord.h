#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/Tick.h"

namespace xpusim::cosim {

/// One observation of a co-simulated block: at `cycle` (of the block's clock, 0 = first cycle
/// after reset), `port` (an index into the block's port names) carried `value` on `lane` (an
/// operand accepted by a valid/ready handshake, or a result written).
struct StreamRecord {
  Cycle cycle = 0;
  std::uint16_t port = 0;
  std::uint16_t lane = 0;
  std::int64_t value = 0;

  bool operator==(const StreamRecord&) const = default;
  /// Stream order: cycle, then port, then lane.
  bool operator<(const StreamRecord& o) const {
    if (cycle != o.cycle) return cycle < o.cycle;
    if (port != o.port) return port < o.port;
    return lane < o.lane;
  }
};

/// A canonical stream: records in stream order, with the names of the ports they refer to.
struct Stream {
  std::vector<std::string> ports;
  std::vector<StreamRecord> records;
};

}  // namespace xpusim::cosim
