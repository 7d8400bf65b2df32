#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/dataflow/fabric/LinkSet.h"
#include "models/dataflow/fabric/Placement.h"
#include "sim/core/Channel.h"
#include "sim/core/Clock.h"
#include "sim/trace/Timeline.h"

namespace xpusim::dataflow {

/// One vector (or scalar, or control) token on an edge. `value` is the functional payload:
/// the scalar, or the common value of a lane-uniform vector.
struct Token {
  double value = 0;
};
using TokenChannel = Channel<Token>;

/// What a unit is doing, for the stall breakdown and the timeline.
enum class UnitState : std::uint8_t {
  kBusy,     ///< firing, or inside its initiation interval / pipeline drain
  kStarved,  ///< waiting for an input token
  kBlocked,  ///< output back-pressured (no credit, or its pipeline is full)
  kMemory,   ///< waiting for off-chip memory
  kDone,
};
inline constexpr int kStateCount = 5;

/// Told when a unit has finished all its firings.
class UnitObserver {
 public:
  virtual ~UnitObserver() = default;
  virtual void unitDone() = 0;
};

/// An input of a unit: one channel, or several taken round-robin (gather). A token is held
/// for `reuse` firings (a stationary operand) before the next is taken.
struct InputPort {
  std::vector<TokenChannel*> channels;
  std::uint64_t reuse = 1;
  std::uint64_t held = 0;
  std::size_t next = 0;
  Token token;

  bool ready() const { return held > 0 || channels[next]->canReceive(); }
  Token take();
};

/// An output of a unit: a token goes to every channel (broadcast) or to the next in turn
/// (scatter). A token wider than the link occupies the port, and every shared link on the
/// route(s) it takes, for `serialTicks`.
struct OutputPort {
  std::vector<TokenChannel*> channels;
  std::vector<std::vector<Link*>> routes;  ///< per channel: the shared links it crosses
  bool scatter = false;
  std::size_t next = 0;
  Tick serialTicks = 0;
  Tick freeAt = 0;

  /// Adds a channel reached over `route`.
  void add(TokenChannel* channel, std::vector<Link*> route = {});
  /// Whether the next token can go now: the port and its route's links free, the channel(s)
  /// with credit. Refused by a busy link, the port queues for it (Link::refuse).
  bool canSend(Tick now) const;
  void send(const Token& t, Tick now);
  /// The first tick the port and the links the next token takes are all free for it.
  Tick linksFreeAt() const;

 private:
  /// Calls f(link) for every shared link the next token takes (every route of a broadcast).
  template <class F>
  void forRoutes(F&& f) const {
    if (scatter) {
      for (Link* l : routes[next]) f(*l);
      return;
    }
    for (const auto& route : routes)
      for (Link* l : route) f(*l);
  }
};

/// A fixed-size FIFO of results travelling through a unit's pipeline (no allocation).
class PipelineQueue {
 public:
  void reset(std::size_t capacity) { slots_.assign(capacity ? capacity : 1, {}); }
  bool full() const { return count_ == slots_.size(); }
  bool empty() const { return count_ == 0; }
  Tick frontReady() const { return slots_[head_].ready; }
  const Token& front() const { return slots_[head_].token; }
  void push(Tick ready, Token t) { slots_[(head_ + count_++) % slots_.size()] = {ready, t}; }
  void pop() {
    head_ = (head_ + 1) % slots_.size();
    --count_;
  }

 private:
  struct Slot {
    Tick ready = 0;
    Token token;
  };
  std::vector<Slot> slots_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;
};

/// A placed copy of a graph node: a clocked member of the fabric clock that sleeps while
/// starved or back-pressured (its channels wake it) and keeps a breakdown of its time.
class Unit : public Clocked {
 public:
  Unit(std::string name, UnitKind kind, Placement::Site site, std::uint64_t firings);
  ~Unit() override = default;

  /// Joins the clock; `observer` is told when the unit is done.
  void attach(ClockDomain& clock, EventQueue& queue, Timeline* timeline,
              const std::string& traceProcess, UnitObserver* observer);
  std::vector<InputPort>& inputs() { return inputs_; }
  std::vector<OutputPort>& outputs() { return outputs_; }
  ClockHandle handle() const { return handle_; }

  /// The graph starts: the unit begins accounting and wakes.
  void begin();
  /// The graph ended at `now`: closes the accounting.
  void close();

  const std::string& name() const { return name_; }
  UnitKind kind() const { return kind_; }
  const Placement::Site& site() const { return site_; }
  std::uint64_t firings() const { return firings_; }
  std::uint64_t fired() const { return fired_; }
  /// Floating-point operations performed.
  std::uint64_t flops() const { return flops_; }
  /// Cycles spent in each state (valid after close()).
  const std::uint64_t& cycles(UnitState s) const { return cycles_[static_cast<int>(s)]; }

 protected:
  Tick now() const { return queue_->now(); }
  Tick period() const { return clock_->period(); }
  /// Records the state from now on (accounts the time since the last change).
  void setState(UnitState s);
  /// Wakes the unit at `t` (> now).
  void wakeAt(Tick t) { timer_->at(t); }
  bool inputsReady() const;
  bool outputsFree() const;
  void sendAll(const Token& t);
  /// Latest future tick at which an output (its port or a shared link) frees, or 0.
  Tick outputFreeAt() const;
  /// Marks the unit done (once).
  void complete();

  std::uint64_t fired_ = 0;
  std::uint64_t flops_ = 0;
  std::vector<InputPort> inputs_;
  std::vector<OutputPort> outputs_;

 private:
  std::string name_;
  UnitKind kind_;
  Placement::Site site_;
  std::uint64_t firings_;
  EventQueue* queue_ = nullptr;
  ClockDomain* clock_ = nullptr;
  ClockHandle handle_;
  std::unique_ptr<WakeTimer> timer_;
  Timeline* timeline_ = nullptr;
  Timeline::LaneId lane_ = 0;
  UnitObserver* observer_ = nullptr;
  UnitState state_ = UnitState::kStarved;
  Tick since_ = 0;
  Tick ticks_[kStateCount] = {};
  std::uint64_t cycles_[kStateCount] = {};
  bool done_ = false;
};

}  // namespace xpusim::dataflow
