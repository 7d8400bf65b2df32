#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

#include "models/memory/dram/CommandTimeline.h"
#include "models/memory/dram/CommandTrace.h"
#include "models/memory/dram/DramTimingCore.h"
#include "models/memory/dram/TransactionQueue.h"
#include "sim/stats/Distribution.h"

namespace xpusim {

/// Scheduling choices of a channel controller.
struct DramPolicy {
  enum class Scheduler { kFrFcfs, kFcfs };
  /// kSameBank: DDR5 REFsb, bank b of every bank group, b cycling so that each bank is
  /// refreshed once per tREFI.
  enum class Refresh { kAllBank, kPerBank, kSameBank, kOff };
  std::uint32_t readQueue = 32;   ///< transactions
  std::uint32_t writeQueue = 32;  ///< transactions
  std::uint32_t writeHigh = 24;   ///< start draining writes at this many queued
  std::uint32_t writeLow = 8;     ///< stop draining (if reads wait) at this many
  Scheduler scheduler = Scheduler::kFrFcfs;
  bool openPage = true;  ///< false: closed page (RDA/WRA unless a queued hit follows)
  Refresh refresh = Refresh::kAllBank;
};

/// A transaction whose column command was issued: its data is done at `done`. For PIM
/// commands, `issued` is the cycle the command was issued.
struct DramCompletion {
  std::uint32_t owner;
  Cycle done;
  Cycle issued = 0;
};

/// A PIM command queued for a rank (MACab, MACsb, WRGB, RDMAC). The controller adds the row
/// commands it needs (ACTab / ACT, PREA / PRE) itself, also after a refresh closed the rows.
struct DramPimOp {
  DramCommand cmd = DramCommand::kMacAb;
  DramAddress addr;
  std::uint32_t owner = 0;
};

/// Statistics of one channel, with the names users rely on (see Dram::describe()).
struct DramChannelStats {
  std::uint64_t cycles = 0;  ///< cycle the last request completed (drain)
  std::uint64_t requests = 0;
  std::uint64_t bytes = 0;
  std::uint64_t rowHits = 0, rowMisses = 0, rowConflicts = 0;
  std::uint64_t act = 0, pre = 0, rd = 0, wr = 0, ref = 0;
  std::uint64_t refpb = 0;  ///< per-bank refreshes (also counted in ref)
  std::uint64_t refsb = 0;  ///< same-bank refreshes (also counted in ref; for the energy only)
  std::uint64_t actAb = 0, mac = 0, wrGb = 0, rdMac = 0;  ///< PIM commands (MAC: ab + sb)
  std::uint64_t af = 0, rdAf = 0;                         ///< PIM activation-function commands
  std::uint64_t pimRowSwitches = 0;  ///< ACT/ACTab/PRE/PREA the controller added for PIM ops
  std::uint64_t lastCommand = 0;     ///< cycle of the last command issued
  Distribution readLatency;          ///< cycles, arrival to last data beat
  double energyPj = 0;
  double bandwidthGBps = 0;
  double peakShare = 0;
  double readLatencyMean = 0;
  double readLatencyP99 = 0;
};

/// The memory controller of one channel: read and write queues, FR-FCFS or FCFS scheduling
/// under an open- or closed-page policy, write draining between watermarks, and refresh that
/// preempts requests to its rank (all-bank: PREA then REF; per-bank: PRE then REFpb, banks in
/// turn; same-bank: PRE of each open bank b, then REFsb, b in turn, one every tREFI / banks).
/// Event-driven: serve() issues the commands of one cycle and returns the next cycle at which
/// anything can become legal, so the channel sleeps through timing gaps. Refresh due while the
/// channel was idle is issued at its due cycle when the channel wakes.
class DramController {
 public:
  static constexpr Cycle kNever = std::numeric_limits<Cycle>::max();

  DramController(std::uint32_t channel, const DramSpec& spec, const DramPolicy& policy,
                 CommandTrace* trace);

  /// Room for `reads` more reads and `writes` more writes.
  bool canAccept(std::uint32_t reads, std::uint32_t writes) const {
    return reads_.size() + reads <= reads_.capacity() &&
           writes_.size() + writes <= writes_.capacity();
  }
  /// Queues a read or write to `a`; fills in its node indices and age.
  void enqueue(const DramAddress& a, bool write, std::uint32_t owner, Cycle now);

  /// Room for one more PIM command in the in-order PIM queue of rank `rank` (a rankIndex).
  bool canAcceptPim(std::uint32_t rank) const { return pim_[rank].size() < pimCapacity_; }
  /// Queues a PIM command. PIM commands of a rank issue in order; while any are queued the
  /// channel serves no host request (AiM-style mutual exclusion), and a pending refresh of the
  /// rank goes first. Its completion (owner, done, issued) is reported by serve().
  void enqueuePim(const DramPimOp& op);
  std::size_t pimQueued() const { return pimQueued_; }

  /// Issues the commands of cycle `now` (at most one, or one row and one column command with
  /// dual issue); completions of column commands are appended to `done`. Returns the next cycle
  /// worth serving, or kNever when the channel has nothing to do.
  Cycle serve(Cycle now, std::vector<DramCompletion>& done);

  /// Also draws every command on `timeline` (nullptr: none; it must outlive the controller).
  void drawCommandsOn(CommandTimeline* timeline) { timeline_ = timeline; }

  DramChannelStats& stats() { return stats_; }
  const DramChannelStats& stats() const { return stats_; }
  const DramTimingCore& core() const { return core_; }
  std::size_t queued() const { return std::size_t{reads_.size()} + writes_.size(); }

 private:
  struct RankRefresh {
    Cycle due = 0;
    bool pending = false;
    std::uint32_t nextBank = 0;  // per-bank: bank index within the rank; same-bank: within a group
    std::uint64_t done = 0;      // same-bank: REFsb commands issued
  };
  DramAddress refreshTarget(std::uint32_t rank) const;
  DramCommand refreshCommand(std::uint32_t rank, const DramAddress& a) const;
  /// A pending refresh holds back requests to bank `bank` (a bankIndex).
  bool blockedByRefresh(std::uint32_t bank) const;
  bool anyRefreshPending() const {
    return std::any_of(refresh_.begin(), refresh_.end(),
                       [](const RankRefresh& f) { return f.pending; });
  }
  /// The rank's PIM queue is reading activated results (RD_AF) out of the open LUT row: its
  /// refresh is postponed until they are out (as JEDEC allows), else AF would have to repeat.
  bool afReadOutOpen(std::uint32_t rank) const;
  void refreshDone(std::uint32_t rank);
  /// Due cycle of the k-th (from 0) same-bank refresh of rank `rank`.
  Cycle sameBankDue(std::uint32_t rank, std::uint64_t k) const;
  /// The first refresh due cycle of any rank, or 0 if a refresh is pending.
  Cycle refreshHorizon() const;
  void catchUpRefresh(Cycle now);
  /// Refresh steps of this cycle; returns true if a command was issued.
  bool serveRefresh(Cycle now, Cycle& next);
  void serveRequests(Cycle now, bool rowBusFree, Cycle& next, std::vector<DramCompletion>& done);
  /// The command bank `bank`'s queued work needs next and the entry it serves (FR-FCFS: the
  /// oldest row hit, else the oldest entry, which needs PRE or ACT). The bank has work.
  std::uint32_t bankCandidate(TransactionQueue& q, std::uint32_t bank, DramCommand& cmd) const;
  /// Bank `bank`'s queue entries or row state changed: its candidates must be chosen again.
  void touchBank(std::uint32_t bank) {
    readCandidates_[bank] = Candidate{};
    writeCandidates_[bank] = Candidate{};
  }
  /// FCFS: the oldest entry of `q`.
  std::uint32_t oldest(const TransactionQueue& q) const;
  void start(TransactionQueue& q, std::uint32_t slot, DramCommand cmd, Cycle now,
             std::vector<DramCompletion>& done);
  void issue(DramCommand cmd, const DramAddress& a, Cycle at);
  bool writeMode();
  /// The command the head PIM op of a rank needs next (a row command while its row is closed).
  DramCommand pimRequired(const DramPimOp& op) const;
  /// PIM commands of this cycle: at most one row and one column command (dual issue) or one.
  void servePim(Cycle now, bool rowBusFree, Cycle& next, std::vector<DramCompletion>& done);
  Cycle pimLatency(DramCommand cmd) const;

  std::uint32_t channel_;
  DramSpec spec_;
  DramPolicy policy_;
  DramTimingCore core_;
  CommandTrace* trace_;
  CommandTimeline* timeline_ = nullptr;
  Cycle refreshInterval_;
  TransactionQueue reads_;
  TransactionQueue writes_;
  /// A bank's scheduling candidate, valid until its queue entries or its row state change
  /// (touchBank()). `earliest` is the candidate's first
  /// legal cycle when last computed (0 while invalid): timing constraints only ever move forward,
  /// so it stays a lower bound, and a bank whose bound lies in the future is skipped without a
  /// recomputation.
  struct Candidate {
    Cycle earliest = 0;
    std::uint32_t slot = 0;
    DramCommand cmd = DramCommand::kAct;
    bool valid = false;
  };
  /// The exact first cycle a candidate of `q` becomes legal, given that none is legal now:
  /// tightens the smallest cached lower bounds until the smallest one is exact.
  Cycle nextLegal(const TransactionQueue& q, std::vector<Candidate>& cache);
  std::vector<Candidate> readCandidates_, writeCandidates_;
  std::uint64_t sequence_ = 0;
  bool writeMode_ = false;
  std::vector<RankRefresh> refresh_;
  /// Per rank, an in-order FIFO of PIM ops (a deque whose blocks are reused).
  std::vector<std::deque<DramPimOp>> pim_;
  std::size_t pimCapacity_ = 64;
  std::size_t pimQueued_ = 0;
  std::uint32_t pimRotate_ = 0;
  DramChannelStats stats_;
};

}  // namespace xpusim
