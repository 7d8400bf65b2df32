#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/Event.h"
#include "sim/core/EventQueue.h"
#include "sim/core/Tick.h"

namespace xpusim {

/// Work done on the edges of a clock. A component that has nothing to do reports idle and
/// sleeps until something wakes it; a sleeping component costs nothing.
class Clocked {
 public:
  virtual ~Clocked() = default;
  /// One cycle of work at the current edge. Return false when idle: the component then leaves
  /// its clock's active set until ClockDomain::wake() is called for it.
  virtual bool tick() = 0;
};

class ClockDomain;

/// A component's membership in a clock domain: the handle it wakes itself and its peers with.
class ClockHandle {
 public:
  ClockHandle() = default;
  ClockHandle(ClockDomain* domain, std::uint32_t index) : domain_(domain), index_(index) {}
  /// Puts the member on the active set from the next edge (this edge if it has not fired yet).
  void wake() const;
  ClockDomain* domain() const { return domain_; }
  bool bound() const { return domain_ != nullptr; }

 private:
  ClockDomain* domain_ = nullptr;
  std::uint32_t index_ = 0;
};

/// A clock of fixed period (ticks) and phase. It holds a single event in the queue while any
/// member is active, ticks only its active members, in the order they joined, and stops when all
/// sleep, so simulated time can jump to the next event.
class ClockDomain {
 public:
  ClockDomain(EventQueue& queue, std::string name, Tick period, Tick phase = 0);
  ClockDomain(const ClockDomain&) = delete;
  ClockDomain& operator=(const ClockDomain&) = delete;

  /// Registers a member; it starts asleep.
  ClockHandle add(Clocked& member);
  void wake(std::uint32_t index);

  const std::string& name() const { return name_; }
  Tick period() const { return period_; }
  Tick phase() const { return phase_; }
  /// Cycle number of the latest edge at or before now.
  Cycle cycle() const;
  /// Tick of edge number `c`.
  Tick edge(Cycle c) const { return phase_ + c * period_; }
  /// First edge at or after `t`.
  Tick edgeAtOrAfter(Tick t) const;
  /// Edges on which at least one member ticked.
  std::uint64_t edgesFired() const { return edgesFired_; }
  /// Member ticks performed (edges x active members).
  std::uint64_t memberTicks() const { return memberTicks_; }
  std::size_t activeCount() const;

 private:
  void onEdge();

  EventQueue& queue_;
  std::string name_;
  Tick period_;
  Tick phase_;
  std::vector<Clocked*> members_;
  std::vector<std::uint64_t> active_;  // one bit per member
  std::vector<std::uint64_t> wokenDuringEdge_;
  bool firing_ = false;
  Tick lastEdge_ = 0;
  std::uint64_t edgesFired_ = 0;
  std::uint64_t memberTicks_ = 0;
  MemberEvent<ClockDomain, &ClockDomain::onEdge> edgeEvent_{this, Priority::kClock};
};

inline void ClockHandle::wake() const {
  domain_->wake(index_);
}

/// Wakes a sleeping clock member at a future tick: a component that knows it has nothing to
/// do until then sleeps instead of ticking. Holds one pending wake-up, moved earlier if asked.
class WakeTimer {
 public:
  WakeTimer(EventQueue& queue, ClockHandle member) : queue_(queue), member_(member) {}
  /// Wakes the member at `t` (>= now), unless a wake-up at or before `t` is pending.
  void at(Tick t) {
    if (event_.scheduled()) {
      if (event_.when() <= t) return;
      queue_.deschedule(event_);
    }
    queue_.schedule(event_, t);
  }

 private:
  void fire() { member_.wake(); }
  EventQueue& queue_;
  ClockHandle member_;
  MemberEvent<WakeTimer, &WakeTimer::fire> event_{this, Priority::kWake};
};

}  // namespace xpusim
