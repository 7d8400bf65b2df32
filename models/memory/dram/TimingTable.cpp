#include "models/memory/dram/TimingTable.h"

#include <algorithm>
#include <initializer_list>

namespace xpusim {

namespace {

using C = DramCommand;
using L = DramLevel;

constexpr std::initializer_list<C> kReads{C::kRead, C::kReadAp};
constexpr std::initializer_list<C> kWrites{C::kWrite, C::kWriteAp};

class TableBuilder {
 public:
  explicit TableBuilder(std::vector<TimingConstraint>& out) : out_(out) {}
  /// Adds prev -> next for every pair; a gap <= 0 adds nothing.
  void add(std::initializer_list<C> prev, std::initializer_list<C> next, L level, std::int64_t gap,
           bool siblings = false) {
    if (gap <= 0) return;
    for (C p : prev)
      for (C n : next) out_.push_back({p, n, level, static_cast<Cycle>(gap), siblings});
  }

 private:
  std::vector<TimingConstraint>& out_;
};

std::int64_t s(Cycle c) {
  return static_cast<std::int64_t>(c);
}

/// Activation-function edges (AiM). AF activates the LUT row (reserved word lines) in every
/// bank of the rank, so it has the row-cycle edges of an all-bank activate; RD_AF reads the
/// activated results tRCD_AF (nRCDRDAF) after it, on the data bus like RD_MAC.
void addAfEdges(TableBuilder& b, const DramTiming& t, std::int64_t writeToPre) {
  b.add({C::kAf}, {C::kAf, C::kActAb, C::kAct, C::kRefresh, C::kRefreshBank}, L::kRank, s(t.tRC));
  b.add({C::kActAb, C::kAct}, {C::kAf}, L::kRank, s(t.tRC));
  b.add({C::kAf}, {C::kPreAll, C::kPre}, L::kRank, s(t.tRAS));
  b.add({C::kPre, C::kPreAll}, {C::kAf}, L::kRank, s(t.tRP));
  b.add({C::kRefresh}, {C::kAf}, L::kRank, s(t.tRFC));
  b.add({C::kRefreshBank}, {C::kAf}, L::kRank, s(t.tRFCpb));
  b.add({C::kReadAp}, {C::kAf}, L::kRank, s(t.tRTP + t.tRP));
  b.add({C::kWriteAp}, {C::kAf}, L::kRank, writeToPre + s(t.tRP));
  b.add({C::kAf}, {C::kRdAf}, L::kRank, s(t.tRCDAF));
  b.add({C::kRdAf}, {C::kPreAll, C::kPre}, L::kRank, s(t.tRTP));
  b.add({C::kRdAf}, {C::kRdAf, C::kRdMac}, L::kPseudoChannel, s(t.nBL));
  b.add({C::kRdMac}, {C::kRdAf}, L::kPseudoChannel, s(t.nBL));
  b.add({C::kRdAf}, kReads, L::kPseudoChannel, s(t.nBL));
  b.add(kReads, {C::kRdAf}, L::kPseudoChannel, s(t.nBL));
}

/// PIM edges. An all-bank command (ACTab, MACab) touches every bank of its rank, so the
/// row-cycle edges of single-bank commands appear for it at rank level; the timing core also
/// checks every bank's own readiness for ACTab and MACab.
void addPimEdges(TableBuilder& b, const DramTiming& t, std::int64_t writeToPre) {
  const std::int64_t macEnd = s(t.tRTPMAC);
  // All-bank activate: a row cycle for every bank of the rank.
  b.add({C::kActAb}, {C::kActAb, C::kAct, C::kRefresh, C::kRefreshBank}, L::kRank, s(t.tRC));
  b.add({C::kActAb}, {C::kPreAll, C::kPre}, L::kRank, s(t.tRAS));
  b.add({C::kActAb}, {C::kMacAb, C::kMacSb}, L::kRank, s(t.tRCDMAC));
  b.add({C::kActAb}, kReads, L::kRank, s(t.tRCD));
  b.add({C::kActAb}, kWrites, L::kRank, s(t.tRCDWR));
  b.add({C::kAct}, {C::kActAb}, L::kRank, s(t.tRC));
  b.add({C::kAct}, {C::kMacSb, C::kMacAb}, L::kBank, s(t.tRCDMAC));
  b.add({C::kPre}, {C::kActAb}, L::kRank, s(t.tRP));
  b.add({C::kPreAll}, {C::kActAb}, L::kRank, s(std::max(t.tRP, t.tRPab)));
  b.add({C::kRefresh}, {C::kActAb}, L::kRank, s(t.tRFC));
  b.add({C::kRefreshBank}, {C::kActAb}, L::kRank, s(t.tRFCpb));
  b.add({C::kReadAp}, {C::kActAb}, L::kRank, s(t.tRTP + t.tRP));
  b.add({C::kWriteAp}, {C::kActAb}, L::kRank, writeToPre + s(t.tRP));
  // MAC: unit spacing, then MAC to precharge.
  b.add({C::kMacAb}, {C::kMacAb, C::kMacSb}, L::kRank, s(t.tCCDMAC));
  b.add({C::kMacSb}, {C::kMacSb, C::kMacAb}, L::kBank, s(t.tCCDMAC));
  b.add({C::kMacSb}, {C::kMacSb, C::kMacAb}, L::kRank, s(t.tCCD_S));
  b.add({C::kMacAb}, {C::kPreAll, C::kPre}, L::kRank, macEnd);
  b.add({C::kMacSb}, {C::kPre}, L::kBank, macEnd);
  b.add({C::kMacSb}, {C::kPreAll}, L::kRank, macEnd);
  // Operand-buffer writes travel on the data bus like WR; a MAC reads the buffer after the
  // write data has arrived.
  b.add({C::kWrGb}, {C::kWrGb}, L::kRank, s(t.tCCDGB));
  b.add({C::kWrGb}, {C::kMacAb, C::kMacSb}, L::kRank, s(t.CWL + t.nBL));
  b.add({C::kWrGb}, kWrites, L::kPseudoChannel, s(t.nBL));
  b.add(kWrites, {C::kWrGb}, L::kPseudoChannel, s(t.nBL));
  // Result read-out: after the last MAC drained the unit pipeline; data bus like RD.
  b.add({C::kMacAb, C::kMacSb}, {C::kRdMac}, L::kRank, s(t.tMACRD));
  b.add({C::kRdMac}, {C::kRdMac}, L::kPseudoChannel, s(t.nBL));
  b.add({C::kRdMac}, kReads, L::kPseudoChannel, s(t.nBL));
  b.add(kReads, {C::kRdMac}, L::kPseudoChannel, s(t.nBL));
  b.add({C::kRdMac}, {C::kMacAb, C::kMacSb}, L::kRank, s(t.nBL));
  if (t.tRCDAF > 0) addAfEdges(b, t, writeToPre);
}

}  // namespace

std::vector<TimingConstraint> buildTimingTable(const DramTiming& t) {
  std::vector<TimingConstraint> table;
  TableBuilder b(table);
  const std::int64_t writeEnd = s(t.CWL + t.nBL);         // WR to end of write data
  const std::int64_t writeToPre = writeEnd + s(t.tWR);    // JEDEC: CWL + BL/2 + tWR
  const std::int64_t readToAct = s(t.tRTP + t.tRP);       // RDA: internal PRE after tRTP
  const std::int64_t writeToAct = writeToPre + s(t.tRP);  // WRA: internal PRE after tWR

  // Same bank.
  b.add({C::kAct}, {C::kAct}, L::kBank, s(t.tRC));
  b.add({C::kAct}, kReads, L::kBank, s(t.tRCD));
  b.add({C::kAct}, kWrites, L::kBank, s(t.tRCDWR));
  b.add({C::kAct}, {C::kPre}, L::kBank, s(t.tRAS));
  b.add({C::kAct}, {C::kRefreshBank}, L::kBank, s(t.tRC));
  b.add({C::kPre}, {C::kAct, C::kRefreshBank}, L::kBank, s(t.tRP));
  b.add({C::kRead}, {C::kPre}, L::kBank, s(t.tRTP));
  b.add({C::kWrite}, {C::kPre}, L::kBank, writeToPre);
  b.add({C::kReadAp}, {C::kAct, C::kRefreshBank}, L::kBank, readToAct);
  b.add({C::kWriteAp}, {C::kAct, C::kRefreshBank}, L::kBank, writeToAct);
  b.add({C::kRefreshBank}, {C::kAct, C::kRefreshBank}, L::kBank, s(t.tRFCpb));
  // Same-bank refresh (DDR5 REFsb); the core applies its bank edges to bank b of every group.
  b.add({C::kAct}, {C::kRefreshSameBank}, L::kBank, s(t.tRC));
  b.add({C::kPre}, {C::kRefreshSameBank}, L::kBank, s(t.tRP));
  b.add({C::kReadAp}, {C::kRefreshSameBank}, L::kBank, readToAct);
  b.add({C::kWriteAp}, {C::kRefreshSameBank}, L::kBank, writeToAct);
  b.add({C::kRefreshSameBank}, {C::kAct, C::kRefreshSameBank}, L::kBank, s(t.tRFCsb));

  // Bank group.
  b.add({C::kAct}, {C::kAct}, L::kBankGroup, s(t.tRRD_L));
  b.add(kReads, kReads, L::kBankGroup, s(t.tCCD_L));
  b.add(kWrites, kWrites, L::kBankGroup, s(t.tCCD_L_WR));
  b.add(kWrites, kReads, L::kBankGroup, writeEnd + s(t.tWTR_L));

  // Rank (stack ID).
  b.add({C::kAct}, {C::kAct}, L::kRank, s(t.tRRD_S));
  b.add(kReads, kReads, L::kRank, s(t.tCCD_S));
  b.add(kWrites, kWrites, L::kRank, s(t.tCCD_S));
  b.add(kWrites, kReads, L::kRank, writeEnd + s(t.tWTR_S));
  b.add({C::kPre}, {C::kPre}, L::kRank, s(t.tPPD));
  // All-bank commands: every bank of the rank must have finished its row cycle.
  b.add({C::kAct}, {C::kRefresh}, L::kRank, s(t.tRC));
  b.add({C::kPre}, {C::kRefresh}, L::kRank, s(t.tRP));
  b.add({C::kPreAll}, {C::kRefresh}, L::kRank, s(std::max(t.tRP, t.tRPab)));
  b.add({C::kReadAp}, {C::kRefresh}, L::kRank, readToAct);
  b.add({C::kWriteAp}, {C::kRefresh}, L::kRank, writeToAct);
  b.add({C::kPreAll}, {C::kAct, C::kRefreshBank}, L::kRank, s(std::max(t.tRP, t.tRPab)));
  b.add({C::kRefresh}, {C::kAct, C::kRefresh, C::kRefreshBank}, L::kRank, s(t.tRFC));
  b.add({C::kRefreshBank}, {C::kRefresh}, L::kRank, s(t.tRFCpb));
  b.add({C::kRefreshBank}, {C::kAct, C::kRefreshBank}, L::kRank, s(t.tRREFD));
  b.add({C::kPreAll}, {C::kRefreshSameBank}, L::kRank, s(std::max(t.tRP, t.tRPab)));
  b.add({C::kRefresh}, {C::kRefreshSameBank}, L::kRank, s(t.tRFC));
  b.add({C::kRefreshSameBank}, {C::kRefresh, C::kPreAll}, L::kRank, s(t.tRFCsb));
  b.add({C::kRefreshSameBank}, {C::kAct}, L::kRank, s(t.tREFSBRD));

  // Pseudo-channel: its data bus is shared by its ranks.
  b.add(kReads, kReads, L::kPseudoChannel, s(t.nBL));
  b.add(kWrites, kWrites, L::kPseudoChannel, s(t.nBL));
  b.add(kReads, kWrites, L::kPseudoChannel, s(t.CL + t.nBL + t.tRTRS) - s(t.CWL));
  b.add(kReads, kReads, L::kRank, s(t.nBL + t.tRTRS), true);
  b.add(kWrites, kWrites, L::kRank, s(t.nBL + t.tRTRS), true);
  b.add(kWrites, kReads, L::kRank, s(t.CWL + t.nBL + t.tRTRS) - s(t.CL), true);
  // Two-cycle commands (DDR5 ACT, RD, WR) hold the channel's command bus for their second cycle.
  if (t.longCommandCycles > 1)
    for (std::size_t next = 0; next < kDramCommandCount; ++next)
      b.add({C::kAct, C::kRead, C::kWrite, C::kReadAp, C::kWriteAp}, {static_cast<C>(next)},
            L::kChannel, s(t.longCommandCycles));
  if (t.hasPim()) addPimEdges(b, t, writeToPre);
  return table;
}

}  // namespace xpusim
