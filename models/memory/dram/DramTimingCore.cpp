#include "models/memory/dram/DramTimingCore.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace xpusim {

DramTimingCore::DramTimingCore(const DramOrganisation& org,
                               const std::vector<TimingConstraint>& table, Cycle tFAW)
    : org_(org), tFAW_(tFAW) {
  fanout_ = {1, org.pseudoChannels, org.ranks, org.bankGroups, org.banks};
  std::uint32_t nodes = 1;
  for (std::size_t l = 0; l < kDramLevels; ++l) {
    nodes *= fanout_[l];
    ready_[l].assign(std::size_t{nodes} * kDramCommandCount, 0);
  }
  for (const TimingConstraint& c : table) {
    if (c.level > commandScope(c.prev))
      throw std::logic_error(fmt::format("timing table: {} -> {} placed below the scope of {}",
                                         dramCommandName(c.prev), dramCommandName(c.next),
                                         dramCommandName(c.prev)));
    edges_[index(c.prev)].push_back({c.next, c.level, c.siblings, c.gap});
  }
  openRow_.assign(org.banksPerChannel(), kClosed);
  openBanks_.assign(org.ranksPerChannel(), 0);
  lastActs_.assign(org.ranksPerChannel(), {});
  actCount_.assign(org.ranksPerChannel(), 0);
}

DramTimingCore::Nodes DramTimingCore::nodesOf(const DramAddress& a) const {
  Nodes n;
  n[0] = 0;
  n[1] = a.pseudoChannel;
  n[2] = n[1] * org_.ranks + a.rank;
  n[3] = n[2] * org_.bankGroups + a.bankGroup;
  n[4] = n[3] * org_.banks + a.bank;
  return n;
}

Cycle DramTimingCore::earliest(DramCommand cmd, const DramNodes& n) const {
  const auto scope = static_cast<std::size_t>(commandScope(cmd));
  Cycle e = 0;
  for (std::size_t l = 0; l <= scope; ++l) e = std::max(e, ready(DramLevel(l), n[l], cmd));
  if (cmd == DramCommand::kPreAll) {  // every open bank of the rank must be ready for PRE
    const std::uint32_t first = n[2] * org_.banksPerRank();
    for (std::uint32_t b = first; b < first + org_.banksPerRank(); ++b)
      if (openRow_[b] != kClosed) e = std::max(e, ready(DramLevel::kBank, b, DramCommand::kPre));
  }
  if (cmd == DramCommand::kActAb || cmd == DramCommand::kAf ||
      cmd == DramCommand::kMacAb) {  // every bank's own edges
    const std::uint32_t first = n[2] * org_.banksPerRank();
    for (std::uint32_t b = first; b < first + org_.banksPerRank(); ++b)
      e = std::max(e, ready(DramLevel::kBank, b,
                            cmd == DramCommand::kMacAb ? DramCommand::kMacAb : DramCommand::kAct));
  }
  if (cmd == DramCommand::kRefreshSameBank)  // bank b of every bank group must be ready
    for (std::uint32_t g = 0; g < org_.bankGroups; ++g)
      e = std::max(e, ready(DramLevel::kBank, sameBankNode(n, g), cmd));
  return e;
}

std::uint32_t DramTimingCore::sameBankNode(const Nodes& n, std::uint32_t group) const {
  return (n[2] * org_.bankGroups + group) * org_.banks + n[4] % org_.banks;
}

void DramTimingCore::issueSameBankRefresh(const DramAddress& a, const Nodes& n, Cycle at) {
  for (const Edge& e : edges_[index(DramCommand::kRefreshSameBank)]) {
    const auto l = static_cast<std::size_t>(e.level);
    if (e.level != DramLevel::kBank) {
      Cycle& r = ready(e.level, n[l], e.next);
      r = std::max(r, at + e.gap);
      continue;
    }
    for (std::uint32_t g = 0; g < org_.bankGroups; ++g) {
      Cycle& r = ready(e.level, sameBankNode(n, g), e.next);
      r = std::max(r, at + e.gap);
    }
  }
  updateBanks(DramCommand::kRefreshSameBank, a, n);
}

void DramTimingCore::issue(DramCommand cmd, const DramAddress& a, Cycle at) {
  const Cycle legal = earliest(cmd, a);
  if (at < legal)
    throw std::logic_error(fmt::format("DRAM timing core: {} issued at cycle {}, legal from {}",
                                       dramCommandName(cmd), at, legal));
  const Nodes n = nodesOf(a);
  if (cmd == DramCommand::kRefreshSameBank) return issueSameBankRefresh(a, n, at);
  for (const Edge& e : edges_[index(cmd)]) {
    const auto l = static_cast<std::size_t>(e.level);
    const Cycle until = at + e.gap;
    if (!e.siblings) {
      Cycle& r = ready(e.level, n[l], e.next);
      r = std::max(r, until);
      continue;
    }
    const std::uint32_t first = n[l] / fanout_[l] * fanout_[l];
    for (std::uint32_t s = first; s < first + fanout_[l]; ++s)
      if (s != n[l]) {
        Cycle& r = ready(e.level, s, e.next);
        r = std::max(r, until);
      }
  }
  if (cmd == DramCommand::kAct && tFAW_ > 0) {
    auto& ring = lastActs_[n[2]];
    std::uint32_t& count = actCount_[n[2]];
    ring[count % 4] = at;
    ++count;
    if (count >= 4) {  // the ACT three before this one opened the window
      Cycle& r = ready(DramLevel::kRank, n[2], DramCommand::kAct);
      r = std::max(r, ring[count % 4] + tFAW_);
    }
  }
  updateBanks(cmd, a, n);
}

void DramTimingCore::updateBanks(DramCommand cmd, const DramAddress& a, const Nodes& n) {
  const std::uint32_t bank = n[4];
  const std::uint32_t rank = n[2];
  auto fail = [&](const char* why) {
    throw std::logic_error(fmt::format("DRAM timing core: {} to rank {} bank {}: {}",
                                       dramCommandName(cmd), rank, bank, why));
  };
  switch (cmd) {
    case DramCommand::kAct:
      if (openRow_[bank] != kClosed) fail("bank already open");
      openRow_[bank] = a.row;
      ++openBanks_[rank];
      break;
    case DramCommand::kPre:
      if (openRow_[bank] != kClosed) {
        openRow_[bank] = kClosed;
        --openBanks_[rank];
      }
      break;
    case DramCommand::kRead:
    case DramCommand::kWrite:
    case DramCommand::kReadAp:
    case DramCommand::kWriteAp:
      if (openRow_[bank] != a.row) fail("row not open");
      if (cmd == DramCommand::kReadAp || cmd == DramCommand::kWriteAp) {
        openRow_[bank] = kClosed;
        --openBanks_[rank];
      }
      break;
    case DramCommand::kPreAll: {
      const std::uint32_t first = rank * org_.banksPerRank();
      std::fill(openRow_.begin() + first, openRow_.begin() + first + org_.banksPerRank(), kClosed);
      openBanks_[rank] = 0;
      break;
    }
    case DramCommand::kRefresh:
      if (openBanks_[rank] != 0) fail("banks still open");
      break;
    case DramCommand::kRefreshBank:
      if (openRow_[bank] != kClosed) fail("bank still open");
      break;
    case DramCommand::kRefreshSameBank:
      for (std::uint32_t g = 0; g < org_.bankGroups; ++g)
        if (openRow_[sameBankNode(n, g)] != kClosed) fail("the same bank of a bank group is open");
      break;
    case DramCommand::kActAb:
    case DramCommand::kAf: {
      if (openBanks_[rank] != 0) fail("banks still open");
      const std::uint32_t first = rank * org_.banksPerRank();
      std::fill(openRow_.begin() + first, openRow_.begin() + first + org_.banksPerRank(), a.row);
      openBanks_[rank] = org_.banksPerRank();
      break;
    }
    case DramCommand::kMacAb:
      if (openBanks_[rank] != org_.banksPerRank() || openRow_[rank * org_.banksPerRank()] != a.row)
        fail("all-bank MAC needs the row open in every bank");
      break;
    case DramCommand::kMacSb:
      if (openRow_[bank] != a.row) fail("row not open");
      break;
    case DramCommand::kRdAf:
      if (openBanks_[rank] != org_.banksPerRank() || openRow_[rank * org_.banksPerRank()] != a.row)
        fail("RD_AF needs the LUT row open (AF)");
      break;
    case DramCommand::kWrGb:
    case DramCommand::kRdMac:
    case DramCommand::kCount:
      break;
  }
}

namespace {
DramCommand requiredFor(std::uint32_t open, std::uint32_t row, bool write, bool autoPrecharge) {
  if (open == DramTimingCore::kClosed) return DramCommand::kAct;
  if (open != row) return DramCommand::kPre;
  if (write) return autoPrecharge ? DramCommand::kWriteAp : DramCommand::kWrite;
  return autoPrecharge ? DramCommand::kReadAp : DramCommand::kRead;
}
}  // namespace

DramCommand DramTimingCore::required(const DramAddress& a, bool write, bool autoPrecharge) const {
  return requiredFor(openRow_[bankIndex(a)], a.row, write, autoPrecharge);
}

DramCommand DramTimingCore::required(const DramTransaction& t, bool autoPrecharge) const {
  return requiredFor(openRow_[t.bank()], t.addr.row, t.write, autoPrecharge);
}

}  // namespace xpusim
