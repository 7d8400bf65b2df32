#include "models/memory/dram/DramController.h"

#include <algorithm>

namespace xpusim {

DramController::DramController(std::uint32_t channel, const DramSpec& spec,
                               const DramPolicy& policy, CommandTrace* trace)
    : channel_(channel),
      spec_(spec),
      policy_(policy),
      core_(spec.org, buildTimingTable(spec.timing), spec.timing.tFAW),
      trace_(trace),
      refreshInterval_(policy.refresh == DramPolicy::Refresh::kPerBank ? spec.timing.tREFIpb
                                                                       : spec.timing.tREFI),
      reads_(policy.readQueue, spec.org.banksPerChannel()),
      writes_(policy.writeQueue, spec.org.banksPerChannel()),
      readCandidates_(spec.org.banksPerChannel()),
      writeCandidates_(spec.org.banksPerChannel()) {
  const std::uint32_t ranks = spec.org.ranksPerChannel();
  refresh_.resize(ranks);
  pim_.resize(ranks);
  // Ranks refresh staggered across the interval, rank r at (1 + r / ranks) x interval first.
  for (std::uint32_t r = 0; r < ranks; ++r)
    refresh_[r].due = refreshInterval_ + refreshInterval_ * r / ranks;
  if (policy.refresh == DramPolicy::Refresh::kSameBank)  // one REFsb every tREFI / banks
    for (std::uint32_t r = 0; r < ranks; ++r) refresh_[r].due = sameBankDue(r, 0);
}

Cycle DramController::sameBankDue(std::uint32_t rank, std::uint64_t k) const {
  // The k-th REFsb of a rank, exact in integers: (k + 1 + rank / ranks) x tREFI / banks.
  const std::uint64_t ranks = spec_.org.ranksPerChannel(), banks = spec_.org.banks;
  return ((k + 1) * ranks + rank) * refreshInterval_ / (ranks * banks);
}

void DramController::enqueue(const DramAddress& a, bool write, std::uint32_t owner, Cycle now) {
  DramTransaction t;
  t.addr = a;
  t.nodes = core_.nodesOf(a);
  t.seq = sequence_++;
  t.arrival = now;
  t.owner = owner;
  t.write = write;
  (write ? writes_ : reads_).push(t);
  touchBank(t.bank());
}

DramAddress DramController::refreshTarget(std::uint32_t rank) const {
  const DramOrganisation& o = spec_.org;
  DramAddress a;
  a.channel = channel_;
  a.pseudoChannel = rank / o.ranks;
  a.rank = rank % o.ranks;
  if (policy_.refresh == DramPolicy::Refresh::kSameBank) {  // the first open target bank, if any
    a.bank = refresh_[rank].nextBank;
    for (a.bankGroup = 0; a.bankGroup + 1 < o.bankGroups; ++a.bankGroup)
      if (core_.openRow(core_.bankIndex(a)) != DramTimingCore::kClosed) break;
    return a;
  }
  a.bankGroup = refresh_[rank].nextBank / o.banks;
  a.bank = refresh_[rank].nextBank % o.banks;
  return a;
}

DramCommand DramController::refreshCommand(std::uint32_t rank, const DramAddress& a) const {
  if (policy_.refresh == DramPolicy::Refresh::kAllBank)
    return core_.openBanks(rank) > 0 ? DramCommand::kPreAll : DramCommand::kRefresh;
  if (core_.openRow(core_.bankIndex(a)) != DramTimingCore::kClosed) return DramCommand::kPre;
  return policy_.refresh == DramPolicy::Refresh::kSameBank ? DramCommand::kRefreshSameBank
                                                           : DramCommand::kRefreshBank;
}

bool DramController::blockedByRefresh(std::uint32_t bank) const {
  const std::uint32_t perRank = spec_.org.banksPerRank();
  const RankRefresh& f = refresh_[bank / perRank];
  if (!f.pending) return false;
  if (policy_.refresh == DramPolicy::Refresh::kSameBank)
    return bank % spec_.org.banks == f.nextBank;
  return policy_.refresh == DramPolicy::Refresh::kAllBank || bank % perRank == f.nextBank;
}

bool DramController::afReadOutOpen(std::uint32_t rank) const {
  return !pim_[rank].empty() && pim_[rank].front().cmd == DramCommand::kRdAf &&
         pimRequired(pim_[rank].front()) == DramCommand::kRdAf;
}

void DramController::refreshDone(std::uint32_t rank) {
  RankRefresh& f = refresh_[rank];
  f.pending = false;
  if (policy_.refresh == DramPolicy::Refresh::kSameBank) {
    f.due = sameBankDue(rank, ++f.done);
    f.nextBank = (f.nextBank + 1) % spec_.org.banks;
    return;
  }
  f.due += refreshInterval_;
  f.nextBank = (f.nextBank + 1) % spec_.org.banksPerRank();
}

Cycle DramController::refreshHorizon() const {
  Cycle due = kNever;
  for (const RankRefresh& f : refresh_) {
    if (f.pending) return 0;
    due = std::min(due, f.due);
  }
  return due;
}

void DramController::catchUpRefresh(Cycle now) {
  // Refreshes that fell due while the channel slept run as they would have had it been awake:
  // in time order across ranks, one command per cycle on the command bus. One that cannot
  // finish before now continues as a pending one.
  Cycle busFree = 0;  // the first cycle the command bus is free for the next catch-up command
  for (;;) {
    std::uint32_t rank = 0;
    Cycle at = kNever;
    for (std::uint32_t r = 0; r < refresh_.size(); ++r) {
      const RankRefresh& f = refresh_[r];
      if (f.pending || f.due >= now || afReadOutOpen(r)) continue;
      const DramAddress a = refreshTarget(r);
      const Cycle legal = std::max({f.due, busFree, core_.earliest(refreshCommand(r, a), a)});
      if (legal < at) at = legal, rank = r;
    }
    if (at >= now) break;
    const DramAddress a = refreshTarget(rank);
    const DramCommand cmd = refreshCommand(rank, a);
    issue(cmd, a, at);
    busFree = at + 1;
    if (isRefreshCommand(cmd)) refreshDone(rank);
  }
  for (RankRefresh& f : refresh_)
    if (f.due < now) f.pending = true;
}

bool DramController::serveRefresh(Cycle now, Cycle& next) {
  bool issued = false;
  for (std::uint32_t r = 0; r < refresh_.size(); ++r) {
    RankRefresh& f = refresh_[r];
    if (!f.pending) {
      if (f.due > now) {
        next = std::min(next, f.due);
        continue;
      }
      f.pending = true;
    }
    if (afReadOutOpen(r)) {  // postponed until the activated results are read out
      next = std::min(next, now + 1);
      continue;
    }
    const DramAddress a = refreshTarget(r);
    const DramCommand cmd = refreshCommand(r, a);
    const Cycle e = core_.earliest(cmd, a);
    if (e <= now && !issued) {
      issue(cmd, a, now);
      issued = true;
      if (isRefreshCommand(cmd)) refreshDone(r);
    }
    next = std::min(next, std::max(e, now + 1));
  }
  return issued;
}

bool DramController::writeMode() {
  if (writeMode_) {
    if (writes_.empty() || (writes_.size() <= policy_.writeLow && !reads_.empty()))
      writeMode_ = false;
  } else if (writes_.size() >= policy_.writeHigh || (reads_.empty() && !writes_.empty())) {
    writeMode_ = true;
  }
  return writeMode_;
}

std::uint32_t DramController::bankCandidate(TransactionQueue& q, std::uint32_t bank,
                                            DramCommand& cmd) const {
  const std::uint32_t first = q.head(bank);
  const std::uint32_t open = core_.openRow(bank);
  if (open == DramTimingCore::kClosed) {
    cmd = DramCommand::kAct;
    return first;
  }
  // The oldest hit on the open row; the closed-page policy also needs to know if another
  // queued hit follows (then the row stays open for it).
  std::uint32_t hit = TransactionQueue::kNone, hits = 0;
  for (std::uint32_t s = first; s != TransactionQueue::kNone; s = q.next(s)) {
    if (q.at(s).addr.row != open) continue;
    if (hits++ == 0) hit = s;
    if (policy_.openPage || hits == 2) break;
  }
  if (hit == TransactionQueue::kNone) {
    cmd = DramCommand::kPre;  // no queued hit needs the open row any more
    return first;
  }
  cmd = core_.required(q.at(hit), !policy_.openPage && hits == 1);
  return hit;
}

std::uint32_t DramController::oldest(const TransactionQueue& q) const {
  std::uint32_t best = TransactionQueue::kNone;
  for (std::uint32_t b : q.activeBanks()) {
    const std::uint32_t s = q.head(b);
    if (best == TransactionQueue::kNone || q.at(s).seq < q.at(best).seq) best = s;
  }
  return best;
}

void DramController::start(TransactionQueue& q, std::uint32_t slot, DramCommand cmd, Cycle now,
                           std::vector<DramCompletion>& done) {
  DramTransaction& t = q.at(slot);
  if (!t.classified) {
    t.classified = true;
    ++(isColumnCommand(cmd)       ? stats_.rowHits
       : cmd == DramCommand::kAct ? stats_.rowMisses
                                  : stats_.rowConflicts);
  }
  issue(cmd, t.addr, now);
  if (!isColumnCommand(cmd)) return;
  const DramTiming& tm = spec_.timing;
  done.push_back({t.owner, now + (t.write ? tm.CWL : tm.CL) + tm.nBL});
  stats_.bytes += spec_.org.burstBytes();
  touchBank(t.bank());
  q.erase(slot);
}

void DramController::serveRequests(Cycle now, bool rowBusFree, Cycle& next,
                                   std::vector<DramCompletion>& done) {
  const bool colBusFree = spec_.dualCommandIssue || rowBusFree;
  if (!rowBusFree && !colBusFree) return;
  TransactionQueue& q = writeMode() ? writes_ : reads_;
  if (q.empty()) return;
  constexpr std::uint32_t kNone = TransactionQueue::kNone;
  std::uint32_t col = kNone, row = kNone;
  std::uint64_t colSeq = UINT64_MAX, rowSeq = UINT64_MAX;
  DramCommand colCmd = DramCommand::kRead, rowCmd = DramCommand::kAct;
  bool waiting = false;  // a candidate is not legal yet
  // Keeps the oldest ready candidate of each bus. `earliest` is a lower bound of the
  // candidate's first legal cycle (0: unknown); it is made exact when it is not in the future.
  auto consider = [&](std::uint32_t slot, DramCommand cmd, Cycle& earliest) {
    const bool column = isColumnCommand(cmd);
    const DramTransaction& t = q.at(slot);
    if (!(column ? colBusFree : rowBusFree) || t.seq >= (column ? colSeq : rowSeq)) return;
    if (earliest <= now) earliest = core_.earliest(cmd, t.nodes);
    if (earliest > now) {
      waiting = true;
    } else if (column) {
      col = slot, colSeq = t.seq, colCmd = cmd;
    } else {
      row = slot, rowSeq = t.seq, rowCmd = cmd;
    }
  };
  const bool frFcfs = policy_.scheduler == DramPolicy::Scheduler::kFrFcfs;
  std::vector<Candidate>& cache = &q == &reads_ ? readCandidates_ : writeCandidates_;
  if (frFcfs) {
    const bool refreshPending = anyRefreshPending();
    for (std::uint32_t b : q.activeBanks()) {
      Candidate& c = cache[b];
      if (c.earliest > now) {  // valid and not legal yet: no need to look closer
        waiting = true;
        continue;
      }
      if (refreshPending && blockedByRefresh(b)) continue;
      if (!c.valid) {
        c.slot = bankCandidate(q, b, c.cmd);
        c.valid = true;
      }
      consider(c.slot, c.cmd, c.earliest);
    }
  } else {
    const std::uint32_t slot = oldest(q);
    Cycle earliest = 0;
    if (!blockedByRefresh(q.at(slot).bank())) {
      consider(slot, core_.required(q.at(slot), !policy_.openPage), earliest);
      if (waiting) next = std::min(next, earliest);
    }
  }
  if (col == kNone && row == kNone) {
    // Every candidate was considered (no refresh took the bus): sleep until one is legal.
    if (waiting && frFcfs && rowBusFree) next = std::min(next, nextLegal(q, cache));
    return;
  }
  next = now + 1;
  // With one command bus a ready row hit goes first; with dual issue both go.
  if (row != kNone && (spec_.dualCommandIssue || col == kNone)) start(q, row, rowCmd, now, done);
  if (col != kNone) start(q, col, colCmd, now, done);
}

Cycle DramController::nextLegal(const TransactionQueue& q, std::vector<Candidate>& cache) {
  const bool refreshPending = anyRefreshPending();
  for (;;) {
    Cycle best = kNever;
    Candidate* first = nullptr;
    for (std::uint32_t b : q.activeBanks()) {
      if (refreshPending && blockedByRefresh(b)) continue;
      if (cache[b].earliest < best) best = cache[b].earliest, first = &cache[b];
    }
    if (first == nullptr) return kNever;
    const Cycle exact = core_.earliest(first->cmd, q.at(first->slot).nodes);
    if (exact == best) return exact;  // every other bound is at least as late
    first->earliest = exact;
  }
}

void DramController::enqueuePim(const DramPimOp& op) {
  pim_[core_.rankIndex(op.addr)].push_back(op);
  ++pimQueued_;
}

DramCommand DramController::pimRequired(const DramPimOp& op) const {
  const std::uint32_t rank = core_.rankIndex(op.addr);
  if (op.cmd == DramCommand::kMacAb) {
    const std::uint32_t firstBank = rank * spec_.org.banksPerRank();
    if (core_.openBanks(rank) == spec_.org.banksPerRank() &&
        core_.openRow(firstBank) == op.addr.row)
      return op.cmd;
    return core_.openBanks(rank) > 0 ? DramCommand::kPreAll : DramCommand::kActAb;
  }
  if (op.cmd == DramCommand::kMacSb) {
    const std::uint32_t open = core_.openRow(core_.bankIndex(op.addr));
    if (open == op.addr.row) return op.cmd;
    return open == DramTimingCore::kClosed ? DramCommand::kAct : DramCommand::kPre;
  }
  if (op.cmd == DramCommand::kAf)  // AF activates the LUT row itself: the banks must be closed
    return core_.openBanks(rank) > 0 ? DramCommand::kPreAll : op.cmd;
  if (op.cmd == DramCommand::kRdAf) {  // the LUT row (op.addr.row) closed by a refresh: AF again
    const std::uint32_t firstBank = rank * spec_.org.banksPerRank();
    if (core_.openBanks(rank) == spec_.org.banksPerRank() &&
        core_.openRow(firstBank) == op.addr.row)
      return op.cmd;
    return core_.openBanks(rank) > 0 ? DramCommand::kPreAll : DramCommand::kAf;
  }
  return op.cmd;
}

Cycle DramController::pimLatency(DramCommand cmd) const {
  const DramTiming& t = spec_.timing;
  switch (cmd) {
    case DramCommand::kWrGb:
      return t.CWL + t.nBL;
    case DramCommand::kRdMac:
    case DramCommand::kRdAf:
      return t.CL + t.nBL;
    case DramCommand::kAf:
      return t.tRCDAF;
    default:
      return t.tCCDMAC;
  }
}

void DramController::servePim(Cycle now, bool rowBusFree, Cycle& next,
                              std::vector<DramCompletion>& done) {
  bool colBusFree = spec_.dualCommandIssue || rowBusFree;
  const auto ranks = static_cast<std::uint32_t>(pim_.size());
  for (std::uint32_t k = 0; k < ranks; ++k) {
    const std::uint32_t r = (pimRotate_ + k) % ranks;
    // Refresh first (it closes the rows), unless it waits for an RD_AF read-out.
    if (pim_[r].empty() || (refresh_[r].pending && !afReadOutOpen(r))) continue;
    const DramPimOp& op = pim_[r].front();
    const DramCommand cmd = pimRequired(op);
    bool& bus = isPimColumnCommand(cmd) ? colBusFree : rowBusFree;
    if (!bus) {
      next = std::min(next, now + 1);
      continue;
    }
    const Cycle e = core_.earliest(cmd, op.addr);
    if (e > now) {
      next = std::min(next, e);
      continue;
    }
    issue(cmd, op.addr, now);
    bus = false;
    if (!spec_.dualCommandIssue) colBusFree = rowBusFree = false;
    next = std::min(next, now + 1);
    if (cmd != op.cmd) {
      ++stats_.pimRowSwitches;
      continue;
    }
    done.push_back({op.owner, now + pimLatency(cmd), now});
    pim_[r].pop_front();
    --pimQueued_;
  }
  pimRotate_ = (pimRotate_ + 1) % ranks;
}

Cycle DramController::serve(Cycle now, std::vector<DramCompletion>& done) {
  Cycle next = kNever;
  bool refreshed = false;
  if (policy_.refresh != DramPolicy::Refresh::kOff) {
    const Cycle due = refreshHorizon();
    if (now < due) {  // no refresh pending or due: nothing to catch up or issue
      next = due;
    } else {
      catchUpRefresh(now);
      refreshed = serveRefresh(now, next);
    }
  }
  if (pimQueued_ > 0)
    servePim(now, !refreshed, next, done);
  else
    serveRequests(now, !refreshed, next, done);
  if (queued() == 0 && pimQueued_ == 0 && !anyRefreshPending()) return kNever;
  return next;
}

void DramController::issue(DramCommand cmd, const DramAddress& a, Cycle at) {
  core_.issue(cmd, a, at);
  if (cmd == DramCommand::kPreAll ||
      cmd == DramCommand::kActAb) {  // every bank of the rank changed state
    const std::uint32_t first = core_.rankIndex(a) * spec_.org.banksPerRank();
    for (std::uint32_t b = first; b < first + spec_.org.banksPerRank(); ++b) touchBank(b);
  } else if (cmd == DramCommand::kRefreshSameBank) {  // bank b of every group: ACT waits tRFCsb
    const std::uint32_t first = core_.rankIndex(a) * spec_.org.banksPerRank() + a.bank;
    for (std::uint32_t g = 0; g < spec_.org.bankGroups; ++g) touchBank(first + g * spec_.org.banks);
  } else if (!isRefreshCommand(cmd)) {
    touchBank(core_.bankIndex(a));
  }
  switch (cmd) {
    case DramCommand::kAct:
      ++stats_.act;
      break;
    case DramCommand::kPre:
    case DramCommand::kPreAll:
      ++stats_.pre;
      break;
    case DramCommand::kRead:
    case DramCommand::kReadAp:
      ++stats_.rd;
      break;
    case DramCommand::kWrite:
    case DramCommand::kWriteAp:
      ++stats_.wr;
      break;
    case DramCommand::kRefresh:
      ++stats_.ref;
      break;
    case DramCommand::kRefreshBank:
      ++stats_.ref, ++stats_.refpb;
      break;
    case DramCommand::kRefreshSameBank:
      ++stats_.ref, ++stats_.refsb;
      break;
    case DramCommand::kActAb:
      ++stats_.actAb;
      break;
    case DramCommand::kMacAb:
    case DramCommand::kMacSb:
      ++stats_.mac;
      break;
    case DramCommand::kWrGb:
      ++stats_.wrGb;
      break;
    case DramCommand::kRdMac:
      ++stats_.rdMac;
      break;
    case DramCommand::kAf:
      ++stats_.af;
      break;
    case DramCommand::kRdAf:
      ++stats_.rdAf;
      break;
    case DramCommand::kCount:
      break;
  }
  stats_.lastCommand = std::max(stats_.lastCommand, at);
  if (trace_) trace_->record(at, cmd, a);
  if (timeline_) timeline_->record(at, cmd, a);
}

}  // namespace xpusim
