#pragma once
#include <cstdint>

#include "sim/core/Tick.h"

namespace xpusim {

class EventQueue;

/// Scheduling priority among events at the same tick: lower fires first.
enum class Priority : std::int8_t {
  kWake = -20,   ///< channel arrivals and credit returns wake components first
  kDefault = 0,  ///< model events
  kClock = 50,   ///< clock edges run after the events that feed them
  kStats = 90,   ///< sampling and progress
  kStop = 100,   ///< end-of-simulation checks
};

/// An intrusive, pre-allocated event: a member of the component that owns it.
/// Scheduling never allocates. Events at one tick fire in (priority, insertion) order.
class Event {
 public:
  explicit Event(Priority p = Priority::kDefault) : priority_(p) {}
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  virtual ~Event() = default;

  /// Called by the queue when simulated time reaches when().
  virtual void process() = 0;

  bool scheduled() const { return queue_ != nullptr; }
  Tick when() const { return when_; }
  Priority priority() const { return priority_; }

 private:
  friend class EventQueue;
  /// Total order key after the tick: priority in the top byte, insertion sequence below.
  std::uint64_t order() const { return order_; }

  Tick when_ = 0;
  std::uint64_t order_ = 0;
  EventQueue* queue_ = nullptr;
  Event* next_ = nullptr;  // wheel bucket list
  Event* prev_ = nullptr;  // wheel bucket list
  std::uint32_t heapIndex_ = 0;
  bool inHeap_ = false;
  Priority priority_;
};

/// An event that calls a member function of its owner, with no allocation or std::function.
template <class Owner, void (Owner::*Method)()>
class MemberEvent final : public Event {
 public:
  explicit MemberEvent(Owner* owner, Priority p = Priority::kDefault) : Event(p), owner_(owner) {}
  void process() override { (owner_->*Method)(); }

 private:
  Owner* owner_;
};

}  // namespace xpusim
