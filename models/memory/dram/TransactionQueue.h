#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "models/memory/dram/DramCommand.h"
#include "sim/core/Tick.h"

namespace xpusim {

/// Indices of a bank's nodes at each level of the hierarchy, within its channel.
using DramNodes = std::array<std::uint32_t, kDramLevels>;

/// One burst-sized piece of a host request, queued in a channel.
struct DramTransaction {
  DramAddress addr;
  DramNodes nodes{};        ///< pseudo-channel, rank, bank group and bank indices (see core)
  std::uint64_t seq = 0;    ///< arrival order in the channel (age)
  Cycle arrival = 0;        ///< cycle it entered the queue
  std::uint32_t owner = 0;  ///< the host request it belongs to (the component's index)
  bool write = false;
  bool classified = false;  ///< counted as row hit, miss or conflict already
  std::uint32_t bank() const { return nodes[kDramLevels - 1]; }
  std::uint32_t rank() const { return nodes[2]; }
};

/// A bounded queue of transactions kept as one age-ordered list per bank, plus the list of
/// banks that have any: a scheduler looks at each busy bank once instead of at every entry.
/// No allocation after construction.
class TransactionQueue {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  TransactionQueue(std::uint32_t capacity, std::uint32_t banks);

  std::uint32_t size() const { return size_; }
  std::uint32_t capacity() const { return static_cast<std::uint32_t>(slots_.size()); }
  bool empty() const { return size_ == 0; }
  /// Appends `t` (younger than everything queued) to its bank's list. Requires room.
  void push(const DramTransaction& t);
  /// Removes the entry in `slot`.
  void erase(std::uint32_t slot);

  /// Banks with at least one queued transaction, in no particular order.
  const std::vector<std::uint32_t>& activeBanks() const { return active_; }
  /// The oldest entry of `bank` (kNone if none) and the next younger one after `slot`.
  std::uint32_t head(std::uint32_t bank) const { return banks_[bank].head; }
  std::uint32_t next(std::uint32_t slot) const { return slots_[slot].next; }
  DramTransaction& at(std::uint32_t slot) { return slots_[slot].t; }
  const DramTransaction& at(std::uint32_t slot) const { return slots_[slot].t; }

 private:
  struct Slot {
    DramTransaction t;
    std::uint32_t prev = kNone, next = kNone;
  };
  struct Bank {
    std::uint32_t head = kNone, tail = kNone;
    std::uint32_t activeIndex = kNone;  // position in active_
  };
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  std::vector<Bank> banks_;
  std::vector<std::uint32_t> active_;
  std::uint32_t size_ = 0;
};

}  // namespace xpusim
