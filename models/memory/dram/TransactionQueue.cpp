#include "models/memory/dram/TransactionQueue.h"

#include <stdexcept>

namespace xpusim {

TransactionQueue::TransactionQueue(std::uint32_t capacity, std::uint32_t banks)
    : slots_(capacity), banks_(banks) {
  free_.reserve(capacity);
  for (std::uint32_t s = capacity; s-- > 0;) free_.push_back(s);
  active_.reserve(banks);
}

void TransactionQueue::push(const DramTransaction& t) {
  if (free_.empty()) throw std::logic_error("DRAM transaction queue: push when full");
  const std::uint32_t s = free_.back();
  free_.pop_back();
  Bank& b = banks_[t.bank()];
  slots_[s] = Slot{t, b.tail, kNone};
  if (b.tail == kNone) {
    b.head = s;
    b.activeIndex = static_cast<std::uint32_t>(active_.size());
    active_.push_back(t.bank());
  } else {
    slots_[b.tail].next = s;
  }
  b.tail = s;
  ++size_;
}

void TransactionQueue::erase(std::uint32_t slot) {
  Slot& s = slots_[slot];
  Bank& b = banks_[s.t.bank()];
  (s.prev == kNone ? b.head : slots_[s.prev].next) = s.next;
  (s.next == kNone ? b.tail : slots_[s.next].prev) = s.prev;
  if (b.head == kNone) {  // the bank leaves the active list (swap with the last)
    const std::uint32_t last = active_.back();
    active_[b.activeIndex] = last;
    banks_[last].activeIndex = b.activeIndex;
    active_.pop_back();
    b.activeIndex = kNone;
  }
  free_.push_back(slot);
  --size_;
}

}  // namespace xpusim
