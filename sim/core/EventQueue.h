#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/core/Event.h"
#include "sim/core/Tick.h"

namespace xpusim {

/// The pending-event set and the simulated clock, in picoseconds.
///
/// Near events live in a timing wheel of `1 << wheelBits` buckets, each `1 << bucketBits` ticks
/// wide; a bucket is an intrusive list sorted by (tick, priority, insertion sequence), so events
/// that land on the same clock edge append in O(1). Events beyond the wheel's horizon wait in a
/// binary heap and move into the wheel as time approaches them. Nothing here allocates per event.
class EventQueue {
 public:
  /// Default: 4,096 buckets of 512 ps, a horizon of about 2.1 us.
  explicit EventQueue(unsigned bucketBits = 9, unsigned wheelBits = 12);
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;
  /// Leaves pending events untouched (they may already be destroyed). An event still pending
  /// in a destroyed queue may be destroyed but not scheduled again.
  ~EventQueue();

  /// Current simulated time (the tick of the event being processed or last processed).
  Tick now() const { return now_; }

  /// Schedules `e` at absolute tick `when` (>= now). The event must not be scheduled already.
  void schedule(Event& e, Tick when) {
    if (e.queue_ || when < now_) [[unlikely]]
      scheduleError(e, when);
    e.when_ = when;
    const auto prio = static_cast<std::uint64_t>(static_cast<int>(e.priority_) + 128);
    e.order_ = (prio << kSequenceBits) | (sequence_++ & kSequenceMask);
    e.queue_ = this;
    ++size_;
    const std::uint64_t b = bucketOf(when);
    if (b - base_ < buckets_) [[likely]]  // in [base_, base_ + buckets_): the wheel
      wheelInsert(&e, b & mask_);
    else
      scheduleOutsideWheel(&e, b);
  }
  /// Removes a scheduled event.
  void deschedule(Event& e);
  /// Moves a scheduled or idle event to `when`.
  void reschedule(Event& e, Tick when);

  bool empty() const { return size_ == 0; }
  std::size_t pending() const { return size_; }
  std::uint64_t processed() const { return processed_; }
  /// Tick of the next event, or kMaxTick if none.
  Tick nextTick();

  /// Processes the next event if its tick is <= limit. Returns false if there was none.
  bool step(Tick limit = kMaxTick) {
    std::uint64_t slot = base_ & mask_;
    Bucket* k = &wheel_[slot];
    if (!k->head) [[unlikely]] {
      k = frontBucket();
      if (!k) return false;
      slot = base_ & mask_;
    }
    Event* e = k->head;
    if (e->when_ > limit) return false;
    // Pop the head of the front bucket.
    Event* next = e->next_;
    k->head = next;
    if (next) {
      next->prev_ = nullptr;
    } else {
      k->tail = nullptr;
      occupied_[slot >> 6] &= ~(std::uint64_t{1} << (slot & 63));
    }
    --wheelSize_;
    e->queue_ = nullptr;
    --size_;
    now_ = e->when_;
    ++processed_;
    e->process();
    return true;
  }
  /// Processes events until none remains at a tick <= limit or stop() is called.
  /// Leaves now() at the last processed event.
  void runUntil(Tick limit);
  /// Makes runUntil() return after the current event.
  void stop() { stopRequested_ = true; }
  bool stopRequested() const { return stopRequested_; }
  /// Advances now() to `t` (>= now) without processing anything; used at the end of a window.
  void advanceTo(Tick t);

 private:
  /// An intrusive list of the events of one wheel bucket, sorted by (tick, order).
  struct Bucket {
    Event* head = nullptr;
    Event* tail = nullptr;
  };
  static constexpr unsigned kSequenceBits = 56;
  static constexpr std::uint64_t kSequenceMask = (std::uint64_t{1} << kSequenceBits) - 1;

  static bool before(const Event* a, const Event* b) {
    return a->when_ < b->when_ || (a->when_ == b->when_ && a->order_ < b->order_);
  }
  std::uint64_t bucketOf(Tick t) const { return t >> bucketBits_; }
  bool inHorizon(Tick t) const { return bucketOf(t) < base_ + buckets_; }

  [[noreturn]] void scheduleError(const Event& e, Tick when) const;
  void scheduleOutsideWheel(Event* e, std::uint64_t bucket);  // heap, or rewind then wheel

  void wheelInsert(Event* e, std::uint64_t slot) {
    Bucket& k = wheel_[slot];
    ++wheelSize_;
    Event* tail = k.tail;
    if (!tail) {
      e->prev_ = e->next_ = nullptr;
      k.head = k.tail = e;
      occupied_[slot >> 6] |= std::uint64_t{1} << (slot & 63);
    } else if (!before(e, tail)) [[likely]] {  // same edge or later: append in order
      e->prev_ = tail;
      e->next_ = nullptr;
      tail->next_ = e;
      k.tail = e;
    } else {
      wheelInsertSorted(e, k);
    }
  }
  void wheelInsertSorted(Event* e, Bucket& k);
  void rewindTo(std::uint64_t bucket);  // moves base_ back after a peek went past now_
  void wheelRemove(Event* e);
  Bucket* frontBucket();  // bucket of the earliest event (nullptr if none); advances base_
  void migrateFromHeap();

  void heapPush(Event* e);
  void heapRemove(std::uint32_t index);
  void heapSiftUp(std::uint32_t i);
  void heapSiftDown(std::uint32_t i);
  void heapPlace(std::uint32_t i, Event* e) {
    heap_[i] = e;
    e->heapIndex_ = i;
  }

  unsigned bucketBits_;
  std::uint64_t buckets_;
  std::uint64_t mask_;
  std::uint64_t base_ = 0;  // absolute bucket index of the wheel's first bucket
  std::vector<Bucket> wheel_;
  std::vector<std::uint64_t> occupied_;  // one bit per bucket
  std::size_t wheelSize_ = 0;
  std::vector<Event*> heap_;

  Tick now_ = 0;
  std::size_t size_ = 0;
  std::uint64_t sequence_ = 0;
  std::uint64_t processed_ = 0;
  bool stopRequested_ = false;
};

}  // namespace xpusim
