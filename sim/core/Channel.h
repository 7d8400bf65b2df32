#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/Clock.h"
#include "sim/core/Event.h"
#include "sim/core/EventQueue.h"
#include "sim/core/Tick.h"

namespace xpusim {

/// A bounded FIFO between two components, with the Dataflow Abstract Machine's timing rules:
///  - capacity C: at most C items are outstanding (travelling, waiting, or with their credit
///    still returning to the sender);
///  - latency L (ticks, > 0): an item sent at t can be received from t + L;
///  - credit latency R (ticks, > 0): the slot of an item received at t is free again at t + R.
/// A producer offering one item per cycle to a consumer that takes it at once therefore sends
/// one item every max(1, (L + R) / C) cycles, the first arriving at L.
/// Arrivals wake the receiver and returning credits wake the sender, so both may sleep.
template <class T>
class Channel {
 public:
  Channel(EventQueue& queue, std::string name, std::size_t capacity, Tick latency,
          Tick creditLatency)
      : queue_(queue),
        name_(std::move(name)),
        latency_(latency),
        creditLatency_(creditLatency),
        items_(capacity),
        credits_(capacity, 0) {
    if (capacity == 0) throw std::invalid_argument("channel '" + name_ + "': capacity must be > 0");
    if (latency == 0 || creditLatency == 0)
      throw std::invalid_argument("channel '" + name_ + "': latencies must be > 0 ps");
    creditCount_ = capacity;
  }
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  /// Who to wake when an item arrives / when a credit returns. Either may stay unbound.
  void bindReceiver(ClockHandle receiver) { receiver_ = receiver; }
  void bindSender(ClockHandle sender) { sender_ = sender; }

  /// True if a slot is free at the current tick.
  bool canSend() const { return creditCount_ > 0 && credits_[creditHead_] <= queue_.now(); }
  /// Sends an item; it arrives at now + L. Requires canSend().
  void send(T item) {
    if (!canSend()) throw std::logic_error("channel '" + name_ + "': send without credit");
    creditHead_ = next(creditHead_);
    --creditCount_;
    if (returning_ > creditCount_) returning_ = creditCount_;
    const Tick arrival = queue_.now() + latency_;
    items_[(itemHead_ + itemCount_) % items_.size()] = Slot{arrival, std::move(item)};
    ++itemCount_;
    ++travelling_;
    if (itemCount_ > maxOccupancy_) maxOccupancy_ = itemCount_;
    ++sent_;
    if (receiver_.bound() && !arrivalEvent_.scheduled()) queue_.schedule(arrivalEvent_, arrival);
  }

  /// True if the oldest item has arrived.
  bool canReceive() const { return itemCount_ > 0 && items_[itemHead_].arrival <= queue_.now(); }
  /// The oldest arrived item. Requires canReceive().
  const T& peek() const {
    if (!canReceive()) throw std::logic_error("channel '" + name_ + "': peek on empty channel");
    return items_[itemHead_].value;
  }
  /// Removes and returns the oldest arrived item; its slot frees at now + R.
  T receive() {
    if (!canReceive()) throw std::logic_error("channel '" + name_ + "': receive on empty channel");
    T value = std::move(items_[itemHead_].value);
    itemHead_ = next(itemHead_);
    --itemCount_;
    if (travelling_ > itemCount_) travelling_ = itemCount_;
    const Tick freeAt = queue_.now() + creditLatency_;
    credits_[(creditHead_ + creditCount_) % credits_.size()] = freeAt;
    ++creditCount_;
    ++returning_;
    if (sender_.bound() && !creditEvent_.scheduled()) queue_.schedule(creditEvent_, freeAt);
    return value;
  }

  const std::string& name() const { return name_; }
  std::size_t capacity() const { return items_.size(); }
  /// Items sent and not yet received (travelling or waiting).
  std::size_t occupancy() const { return itemCount_; }
  /// The largest occupancy() seen: the depth this FIFO needed so far.
  std::size_t maxOccupancy() const { return maxOccupancy_; }
  std::uint64_t sent() const { return sent_; }
  Tick latency() const { return latency_; }
  Tick creditLatency() const { return creditLatency_; }

 private:
  struct Slot {
    Tick arrival = 0;
    T value{};
  };
  std::size_t next(std::size_t i) const { return i + 1 == items_.size() ? 0 : i + 1; }

  // Arrival and credit times are non-decreasing along their rings, so only a suffix of each
  // ring can still lie in the future: re-arming scans that suffix, not the whole ring.
  void onArrival() {
    receiver_.wake();
    // Re-arm for the next item still travelling, if any.
    while (travelling_ > 0) {
      const Tick t = items_[(itemHead_ + itemCount_ - travelling_) % items_.size()].arrival;
      if (t > queue_.now()) {
        queue_.schedule(arrivalEvent_, t);
        return;
      }
      --travelling_;
    }
  }
  void onCredit() {
    sender_.wake();
    while (returning_ > 0) {
      const Tick t = credits_[(creditHead_ + creditCount_ - returning_) % credits_.size()];
      if (t > queue_.now()) {
        queue_.schedule(creditEvent_, t);
        return;
      }
      --returning_;
    }
  }

  EventQueue& queue_;
  std::string name_;
  Tick latency_;
  Tick creditLatency_;
  std::vector<Slot> items_;  // ring of items in flight or waiting
  std::size_t itemHead_ = 0;
  std::size_t itemCount_ = 0;
  std::vector<Tick> credits_;  // ring of free-slot times, non-decreasing
  std::size_t creditHead_ = 0;
  std::size_t creditCount_ = 0;
  std::size_t travelling_ = 0;  // items at the ring's tail not yet known to have arrived
  std::size_t returning_ = 0;   // credits at the ring's tail not yet known to be free
  std::size_t maxOccupancy_ = 0;
  std::uint64_t sent_ = 0;
  ClockHandle receiver_;
  ClockHandle sender_;
  MemberEvent<Channel, &Channel::onArrival> arrivalEvent_{this, Priority::kWake};
  MemberEvent<Channel, &Channel::onCredit> creditEvent_{this, Priority::kWake};
};

}  // namespace xpusim
