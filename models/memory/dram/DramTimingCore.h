#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "models/memory/dram/DramCommand.h"
#include "models/memory/dram/DramSpec.h"
#include "models/memory/dram/TimingTable.h"
#include "models/memory/dram/TransactionQueue.h"

namespace xpusim {

/// The device side of one channel: every bank's state machine (closed, or one row open) and the
/// earliest cycle each command may be issued to each node of the hierarchy.
///
/// Each node (channel, pseudo-channel, rank, bank group, bank) keeps, per command, the first
/// cycle it becomes legal there; issuing a command pushes those cycles forward along the
/// constraint table (prev == the issued command), so a legality check is a max over the five
/// nodes above the target bank: O(levels), no history scan. The four-activate window keeps the
/// last four ACT cycles per rank. Times are cycles of tCK.
class DramTimingCore {
 public:
  static constexpr std::uint32_t kClosed = UINT32_MAX;

  DramTimingCore(const DramOrganisation& org, const std::vector<TimingConstraint>& table,
                 Cycle tFAW);

  /// First cycle at which `cmd` to `a` meets every timing constraint. Bank state is not
  /// checked here: required() says which command a request needs.
  Cycle earliest(DramCommand cmd, const DramAddress& a) const { return earliest(cmd, nodesOf(a)); }
  /// The same for a bank given by its node indices (nodesOf()).
  Cycle earliest(DramCommand cmd, const DramNodes& n) const;
  /// The node indices of `a`'s bank at each level, within the channel.
  DramNodes nodesOf(const DramAddress& a) const;
  /// Records `cmd` to `a` at cycle `at` and updates the bank states. Throws std::logic_error
  /// if `at` is earlier than earliest() or the command contradicts the bank state.
  void issue(DramCommand cmd, const DramAddress& a, Cycle at);

  /// The next command a read or write to `a` needs: ACT when the bank is closed, PRE when
  /// another row is open, else the column command (RDA/WRA when `autoPrecharge`).
  DramCommand required(const DramAddress& a, bool write, bool autoPrecharge) const;
  /// The same for a queued transaction.
  DramCommand required(const DramTransaction& t, bool autoPrecharge) const;

  /// Index of `a`'s bank within the channel, 0 .. banksPerChannel-1.
  std::uint32_t bankIndex(const DramAddress& a) const {
    return ((a.pseudoChannel * org_.ranks + a.rank) * org_.bankGroups + a.bankGroup) * org_.banks +
           a.bank;
  }
  /// Index of `a`'s rank within the channel, 0 .. ranksPerChannel-1.
  std::uint32_t rankIndex(const DramAddress& a) const {
    return a.pseudoChannel * org_.ranks + a.rank;
  }
  /// The open row of bank `bank` (a bankIndex), or kClosed.
  std::uint32_t openRow(std::uint32_t bank) const { return openRow_[bank]; }
  /// Banks with a row open in rank `rank` (a rankIndex).
  std::uint32_t openBanks(std::uint32_t rank) const { return openBanks_[rank]; }
  const DramOrganisation& organisation() const { return org_; }

 private:
  struct Edge {
    DramCommand next;
    DramLevel level;
    bool siblings;
    Cycle gap;
  };
  using Nodes = DramNodes;
  Cycle& ready(DramLevel level, std::uint32_t node, DramCommand cmd) {
    return ready_[static_cast<std::size_t>(level)][node * kDramCommandCount + index(cmd)];
  }
  Cycle ready(DramLevel level, std::uint32_t node, DramCommand cmd) const {
    return ready_[static_cast<std::size_t>(level)][node * kDramCommandCount + index(cmd)];
  }
  void updateBanks(DramCommand cmd, const DramAddress& a, const Nodes& n);
  /// The bank node of bank group `group` with the same bank number as `n`'s bank (REFsb).
  std::uint32_t sameBankNode(const Nodes& n, std::uint32_t group) const;
  /// REFsb: applies its bank edges to the same bank of every bank group of the rank.
  void issueSameBankRefresh(const DramAddress& a, const Nodes& n, Cycle at);

  DramOrganisation org_;
  Cycle tFAW_;
  std::array<std::uint32_t, kDramLevels> fanout_;  // children per parent, by level
  std::array<std::vector<Cycle>, kDramLevels> ready_;
  std::array<std::vector<Edge>, kDramCommandCount> edges_;  // by prev command
  std::vector<std::uint32_t> openRow_;                      // by bank
  std::vector<std::uint32_t> openBanks_;                    // by rank
  std::vector<std::array<Cycle, 4>> lastActs_;              // by rank: ring of ACT cycles
  std::vector<std::uint32_t> actCount_;                     // by rank
};

}  // namespace xpusim
