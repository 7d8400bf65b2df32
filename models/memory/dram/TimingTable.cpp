#include "models/memory/dram/TimingTable.h"

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
  b.add({C::kPre, C::kPreAll}, {C::kRefresh}, L::kRank, s(t.tRP));
  b.add({C::kReadAp}, {C::kRefresh}, L::kRank, readToAct);
  b.add({C::kWriteAp}, {C::kRefresh}, L::kRank, writeToAct);
  b.add({C::kPreAll}, {C::kAct, C::kRefreshBank}, L::kRank, s(t.tRP));
  b.add({C::kRefresh}, {C::kAct, C::kRefresh, C::kRefreshBank}, L::kRank, s(t.tRFC));
  b.add({C::kRefreshBank}, {C::kRefresh}, L::kRank, s(t.tRFCpb));
  b.add({C::kRefreshBank}, {C::kAct, C::kRefreshBank}, L::kRank, s(t.tRREFD));

  // Pseudo-channel: its data bus is shared by its ranks.
  b.add(kReads, kReads, L::kPseudoChannel, s(t.nBL));
  b.add(kWrites, kWrites, L::kPseudoChannel, s(t.nBL));
  b.add(kReads, kWrites, L::kPseudoChannel, s(t.CL + t.nBL + t.tRTRS) - s(t.CWL));
  b.add(kReads, kReads, L::kRank, s(t.nBL + t.tRTRS), true);
  b.add(kWrites, kWrites, L::kRank, s(t.nBL + t.tRTRS), true);
  b.add(kWrites, kReads, L::kRank, s(t.CWL + t.nBL + t.tRTRS) - s(t.CL), true);
  return table;
}

}  // namespace xpusim
