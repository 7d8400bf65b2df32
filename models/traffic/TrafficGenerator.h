#pragma once
#include "models/traffic/TracePlayer.h"

namespace xpusim {

/// A synthetic memory traffic source: `requests` accesses of `request_size` bytes, either a
/// stream (base, base + stride, ... wrapping inside `range`) or uniformly random aligned
/// addresses inside [base, base + range). Request i is due at cycle floor(i / injection_rate)
/// of the player clock and is then replayed with the trace player's rules (issue width,
/// outstanding limit, back-pressure, drain). A request is a read with probability
/// `read_fraction` (drawn from the component's deterministic random stream).
class TrafficGenerator : public TracePlayer {
 public:
  static ComponentInfo describe();
  explicit TrafficGenerator(BuildContext& ctx);
};

}  // namespace xpusim
