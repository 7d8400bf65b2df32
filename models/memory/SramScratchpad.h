#pragma once
#include <memory>
#include <vector>

#include "sim/core/Component.h"
#include "sim/trace/Timeline.h"

namespace xpusim {

/// A banked SRAM scratchpad. Bytes are interleaved across `banks` in lines of `bank_width`
/// bytes; each bank moves one line per cycle. A request covering n lines from line l0 keeps
/// bank (l0 + i) mod banks busy for as many cycles as it has lines there, so it occupies
/// ceil(n / banks) cycles and completes `latency` cycles after its last line. A request starts
/// only when every bank it touches is free (otherwise it waits: a bank conflict). Each of the
/// `ports` target ports starts at most one request per cycle, in arrival order, with the port
/// priority rotating every cycle.
///
/// Unloaded round trip seen by an initiator on the same clock, for a request of n lines:
/// 1 (request link) + ceil(n / banks) - 1 + latency + 1 (response link) cycles.
class SramScratchpad : public Component, public Clocked {
 public:
  static ComponentInfo describe();
  explicit SramScratchpad(BuildContext& ctx);

  bool tick() override;
  MemoryTargetPort* memoryTarget(std::string_view port) override;

 private:
  struct Pending {
    Cycle done;
    std::uint64_t seq;
    std::size_t port;
    MemRequest request;
  };
  bool tryStart(std::size_t port, Cycle now);
  void sendResponses(Cycle now);

  Tick period_;
  std::uint64_t size_;
  std::uint64_t banks_;
  std::uint64_t bankWidth_;
  std::uint64_t latency_;
  std::uint64_t depth_;
  ClockHandle clock_;
  WakeTimer timer_;
  std::vector<std::unique_ptr<MemoryTargetPort>> ports_;
  std::vector<std::uint64_t> inFlightPerPort_;
  std::vector<Cycle> bankFreeAt_;  // first cycle each bank is free
  std::vector<Pending> pending_;   // sorted by (done, seq)
  std::uint64_t sequence_ = 0;
  std::size_t rotate_ = 0;
  std::vector<Timeline::LaneId> lanes_;

  std::uint64_t reads_ = 0;
  std::uint64_t writes_ = 0;
  std::uint64_t bytesRead_ = 0;
  std::uint64_t bytesWritten_ = 0;
  std::uint64_t conflictCycles_ = 0;
  std::vector<std::uint64_t> bankAccesses_;
  std::vector<std::uint64_t> bankConflicts_;
};

}  // namespace xpusim
