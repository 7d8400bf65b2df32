#include "sim/core/EventQueue.h"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>

namespace xpusim {

EventQueue::EventQueue(unsigned bucketBits, unsigned wheelBits)
    : bucketBits_(bucketBits),
      buckets_(std::uint64_t{1} << wheelBits),
      mask_(buckets_ - 1),
      wheel_(buckets_),
      occupied_((buckets_ + 63) / 64, 0) {
  if (wheelBits < 6 || wheelBits > 24 || bucketBits > 40)
    throw std::invalid_argument("EventQueue: wheel of 2^" + std::to_string(wheelBits) +
                                " buckets of 2^" + std::to_string(bucketBits) +
                                " ticks is out of range");
}

// Pending events are not touched: their owners are usually destroyed before the queue (they
// hold a reference to it), so the lists may point at dead objects by now.
EventQueue::~EventQueue() = default;

void EventQueue::scheduleError(const Event& e, Tick when) const {
  if (e.queue_) throw std::logic_error("EventQueue: event scheduled twice");
  throw std::logic_error("EventQueue: event scheduled in the past (" + std::to_string(when) +
                         " < " + std::to_string(now_) + " ps)");
}

void EventQueue::scheduleOutsideWheel(Event* e, std::uint64_t bucket) {
  if (bucket < base_) {
    rewindTo(bucketOf(now_));
    if (inHorizon(e->when_)) return wheelInsert(e, bucket & mask_);
  }
  heapPush(e);
}

void EventQueue::deschedule(Event& e) {
  if (e.queue_ != this) throw std::logic_error("EventQueue: descheduling an idle event");
  if (e.inHeap_)
    heapRemove(e.heapIndex_);
  else
    wheelRemove(&e);
  e.queue_ = nullptr;
  --size_;
}

void EventQueue::reschedule(Event& e, Tick when) {
  if (e.queue_) deschedule(e);
  schedule(e, when);
}

// Called when `e` sorts before the bucket's tail: two clock domains' edges can share a bucket.
// Before the head is O(1); otherwise walk back from the tail.
void EventQueue::wheelInsertSorted(Event* e, Bucket& k) {
  Event* after = before(e, k.head) ? k.head : k.tail;
  while (after->prev_ && before(e, after->prev_)) after = after->prev_;
  e->next_ = after;
  e->prev_ = after->prev_;
  if (after->prev_)
    after->prev_->next_ = e;
  else
    k.head = e;
  after->prev_ = e;
}

// nextTick(), or step()/runUntil() stopping at a limit, move base_ to the next pending event,
// which may lie beyond now_. An event then scheduled before base_ would alias a later bucket:
// move base_ back and send the wheel events that fall out of the shorter horizon to the heap.
void EventQueue::rewindTo(std::uint64_t bucket) {
  const std::uint64_t oldBase = base_;
  const std::uint64_t oldEnd = base_ + buckets_;
  base_ = bucket;
  for (std::uint64_t b = std::max(bucket + buckets_, oldBase); b < oldEnd && wheelSize_; ++b) {
    const std::uint64_t slot = b & mask_;
    for (Event* e = wheel_[slot].head; e;) {
      Event* next = e->next_;
      heapPush(e);
      --wheelSize_;
      e = next;
    }
    wheel_[slot] = Bucket{};
    occupied_[slot >> 6] &= ~(std::uint64_t{1} << (slot & 63));
  }
}

void EventQueue::wheelRemove(Event* e) {
  const std::uint64_t slot = bucketOf(e->when_) & mask_;
  Bucket& k = wheel_[slot];
  if (e->prev_)
    e->prev_->next_ = e->next_;
  else
    k.head = e->next_;
  if (e->next_)
    e->next_->prev_ = e->prev_;
  else
    k.tail = e->prev_;
  if (!k.head) occupied_[slot >> 6] &= ~(std::uint64_t{1} << (slot & 63));
  --wheelSize_;
}

EventQueue::Bucket* EventQueue::frontBucket() {
  if (wheelSize_ == 0) {
    if (heap_.empty()) return nullptr;
    base_ = bucketOf(heap_.front()->when_);
    migrateFromHeap();
  }
  // First occupied bucket at or after base_, circularly.
  const std::uint64_t start = base_ & mask_;
  if (wheel_[start].head) return &wheel_[start];
  const std::size_t wordMask = occupied_.size() - 1;  // a power of two
  std::size_t w = start >> 6;
  std::uint64_t bits = occupied_[w] & (~std::uint64_t{0} << (start & 63));
  for (std::size_t scanned = 0; bits == 0; ++scanned) {
    w = (w + 1) & wordMask;
    bits = occupied_[w];
    if (scanned > wordMask + 1) throw std::logic_error("EventQueue: wheel bitmap out of sync");
  }
  const std::uint64_t slot = (w << 6) | static_cast<unsigned>(std::countr_zero(bits));
  base_ += (slot - start) & mask_;
  if (!heap_.empty()) migrateFromHeap();
  return &wheel_[slot];
}

void EventQueue::migrateFromHeap() {
  while (!heap_.empty() && inHorizon(heap_.front()->when_)) {
    Event* e = heap_.front();
    heapRemove(0);
    wheelInsert(e, bucketOf(e->when_) & mask_);
  }
}

Tick EventQueue::nextTick() {
  const Bucket* k = frontBucket();
  return k ? k->head->when_ : kMaxTick;
}

void EventQueue::runUntil(Tick limit) {
  stopRequested_ = false;
  while (!stopRequested_ && step(limit)) {
  }
}

void EventQueue::advanceTo(Tick t) {
  if (t < now_) throw std::logic_error("EventQueue: time cannot move backwards");
  if (nextTick() < t) throw std::logic_error("EventQueue: advancing past a pending event");
  now_ = t;
}

void EventQueue::heapPush(Event* e) {
  e->inHeap_ = true;
  heap_.push_back(e);
  e->heapIndex_ = static_cast<std::uint32_t>(heap_.size() - 1);
  heapSiftUp(e->heapIndex_);
}

void EventQueue::heapRemove(std::uint32_t index) {
  Event* removed = heap_[index];
  removed->inHeap_ = false;
  Event* last = heap_.back();
  heap_.pop_back();
  if (index == heap_.size()) return;
  heapPlace(index, last);
  if (index > 0 && before(last, heap_[(index - 1) / 2]))
    heapSiftUp(index);
  else
    heapSiftDown(index);
}

void EventQueue::heapSiftUp(std::uint32_t i) {
  Event* e = heap_[i];
  while (i > 0) {
    const std::uint32_t parent = (i - 1) / 2;
    if (!before(e, heap_[parent])) break;
    heapPlace(i, heap_[parent]);
    i = parent;
  }
  heapPlace(i, e);
}

void EventQueue::heapSiftDown(std::uint32_t i) {
  Event* e = heap_[i];
  const auto n = static_cast<std::uint32_t>(heap_.size());
  for (;;) {
    std::uint32_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
    if (!before(heap_[child], e)) break;
    heapPlace(i, heap_[child]);
    i = child;
  }
  heapPlace(i, e);
}

}  // namespace xpusim
