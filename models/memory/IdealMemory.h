#pragma once
#include <deque>

#include "sim/core/Component.h"

namespace xpusim {

/// A memory with a fixed access latency and a bandwidth limit, and nothing else: requests are
/// served in arrival order, each occupying the data path for ceil(bytes / bandwidth) ps, then
/// completing `latency` later; the response leaves on the next clock edge. Event-driven: it
/// sleeps between requests.
class IdealMemory : public Component, public Clocked {
 public:
  static ComponentInfo describe();
  explicit IdealMemory(BuildContext& ctx);

  bool tick() override;
  MemoryTargetPort* memoryTarget(std::string_view port) override;

 private:
  struct InFlight {
    Tick done;
    MemRequest request;
  };

  Tick period_;
  Tick latency_;
  std::uint64_t bandwidth_;
  std::uint64_t depth_;
  ClockHandle clock_;
  MemoryTargetPort port_;
  WakeTimer timer_;
  std::deque<InFlight> inFlight_;
  Tick busyUntil_ = 0;

  std::uint64_t reads_ = 0;
  std::uint64_t writes_ = 0;
  std::uint64_t bytes_ = 0;
  std::uint64_t busyTicks_ = 0;
};

}  // namespace xpusim
