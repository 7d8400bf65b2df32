// Every inter-command constraint of the timing core, at its scope: the next command is illegal
// one cycle before t + gap and legal at t + gap.
#include <catch2/catch.hpp>

#include "DramFixture.h"
#include "models/memory/dram/DramTimingCore.h"

using namespace xpusim;
using test::loadSpec;

namespace {

using C = DramCommand;
constexpr Cycle kT0 = 10'000;  // far from the set-up commands at cycle 0

/// Where the next command goes relative to the previous one's bank (level of first difference).
DramAddress relative(DramLevel differsAt) {
  DramAddress a;
  switch (differsAt) {
    case DramLevel::kRank:
      a.rank = 1;
      break;
    case DramLevel::kBankGroup:
      a.bankGroup = 1;
      break;
    case DramLevel::kBank:
      a.bank = 1;
      break;
    default:
      break;
  }
  return a;
}

/// The first level at which the next command's target differs for testing constraint `c`
/// (kCount-like sentinel 5 = same bank).
std::size_t differLevel(const DramOrganisation& o, const TimingConstraint& c) {
  if (c.siblings) return static_cast<std::size_t>(c.level);
  // The most distant relation the constraint still covers: one level below its scope.
  std::size_t l = static_cast<std::size_t>(c.level) + 1;
  const std::uint32_t fan[] = {1, o.pseudoChannels, o.ranks, o.bankGroups, o.banks};
  while (l < kDramLevels && fan[l] == 1) ++l;  // a level with one node cannot differ
  return l;
}

/// The gap the table implies for prev -> next at this relation: the largest edge that covers it.
Cycle expectedGap(const std::vector<TimingConstraint>& table, C prev, C next, std::size_t differ) {
  Cycle gap = 0;
  for (const auto& e : table) {
    if (e.prev != prev || e.next != next) continue;
    const auto l = static_cast<std::size_t>(e.level);
    if ((e.siblings && l == differ) || (!e.siblings && l < differ)) gap = std::max(gap, e.gap);
  }
  return gap;
}

/// Puts the bank of `a` in the state `cmd` needs (open for column commands and PRE).
void prepare(DramTimingCore& core, C cmd, const DramAddress& a) {
  if (isColumnCommand(cmd) || cmd == C::kPre) core.issue(C::kAct, a, 0);
}

void checkEveryConstraint(const std::string& name) {
  const DramSpec spec = loadSpec(name);
  const auto table = buildTimingTable(spec.timing);
  REQUIRE(table.size() > 40);
  for (const TimingConstraint& c : table) {
    const std::size_t differ = differLevel(spec.org, c);
    if (c.siblings && spec.org.ranks == 1) continue;  // no other rank to switch to
    DramTimingCore core(spec.org, table, spec.timing.tFAW);
    const DramAddress first;
    const DramAddress second = relative(static_cast<DramLevel>(differ));
    prepare(core, c.prev, first);
    core.issue(c.prev, first, kT0);
    const Cycle n = expectedGap(table, c.prev, c.next, differ);
    INFO(name << ": " << dramCommandName(c.prev) << " -> " << dramCommandName(c.next)
              << " at level " << int(c.level) << (c.siblings ? " (other ranks)" : "") << ", gap "
              << n);
    CHECK(n >= c.gap);
    CHECK(core.earliest(c.next, second) > kT0 + n - 1);  // illegal at t + n - 1
    CHECK(core.earliest(c.next, second) <= kT0 + n);     // legal at t + n
  }
}

}  // namespace

TEST_CASE("every constraint of the DDR4-3200 table holds at its scope", "[dram][timing]") {
  checkEveryConstraint("ddr4_3200");
}

TEST_CASE("every constraint of the HBM2 table holds at its scope", "[dram][timing]") {
  checkEveryConstraint("hbm2");
}

TEST_CASE("every constraint of the LPDDR5-6400 table holds at its scope", "[dram][timing]") {
  checkEveryConstraint("lpddr5_6400");
}

TEST_CASE("LPDDR5 all-bank precharge needs tRPab, a per-bank precharge tRP", "[dram][timing]") {
  // LPDDR5-6400 (JESD209-5, ramulator2 lpddr5.py): tRPpb 15, tRPab 17 cycles of 1.25 ns.
  const DramSpec spec = loadSpec("lpddr5_6400");
  REQUIRE(spec.timing.tRP == 15);
  REQUIRE(spec.timing.tRPab == 17);
  DramTimingCore core(spec.org, buildTimingTable(spec.timing), spec.timing.tFAW);
  DramAddress a, b;
  b.bank = 1;
  core.issue(C::kAct, a, 0);
  core.issue(C::kPreAll, a, kT0);
  CHECK(core.earliest(C::kAct, a) > kT0 + 17 - 1);   // illegal at t + tRPab - 1
  CHECK(core.earliest(C::kAct, a) == kT0 + 17);      // legal at t + tRPab
  CHECK(core.earliest(C::kRefresh, a) == kT0 + 17);  // REFab after PREA: tRPab too
  core.issue(C::kAct, b, 2 * kT0);
  core.issue(C::kPre, b, 3 * kT0);
  CHECK(core.earliest(C::kAct, b) > 3 * kT0 + 15 - 1);  // illegal at t + tRP - 1
  CHECK(core.earliest(C::kAct, b) == 3 * kT0 + 15);     // legal at t + tRP
}

TEST_CASE("DDR5 ACT, RD and WR hold the command bus for two cycles", "[dram][timing]") {
  // JESD79-5: ACT, RD and WR are two-cycle commands; PRE is a one-cycle command. Commands to
  // other bank groups have no other edge between these pairs, so the bus is what binds.
  const DramSpec spec = loadSpec("ddr5_4800");
  REQUIRE(spec.timing.longCommandCycles == 2);
  DramTimingCore core(spec.org, buildTimingTable(spec.timing), spec.timing.tFAW);
  DramAddress a, b, c;
  b.bankGroup = 1;
  c.bankGroup = 2;
  core.issue(C::kAct, b, 0);
  core.issue(C::kAct, a, kT0);
  CHECK(core.earliest(C::kPre, b) > kT0 + 2 - 1);  // ACT: illegal at t + 1
  CHECK(core.earliest(C::kPre, b) == kT0 + 2);     // legal at t + 2
  core.issue(C::kRead, a, 2 * kT0);
  CHECK(core.earliest(C::kAct, c) > 2 * kT0 + 2 - 1);  // RD: illegal at t + 1
  CHECK(core.earliest(C::kAct, c) == 2 * kT0 + 2);     // legal at t + 2
  core.issue(C::kWrite, a, 3 * kT0);
  CHECK(core.earliest(C::kPre, b) > 3 * kT0 + 2 - 1);  // WR: illegal at t + 1
  CHECK(core.earliest(C::kPre, b) == 3 * kT0 + 2);     // legal at t + 2
  core.issue(C::kPre, b, 4 * kT0);
  CHECK(core.earliest(C::kAct, c) <= 4 * kT0 + 1);  // PRE takes one cycle
}

TEST_CASE("DDR4-3200 gaps equal the JEDEC values", "[dram][timing]") {
  const DramSpec spec = loadSpec("ddr4_3200");
  const auto table = buildTimingTable(spec.timing);
  DramTimingCore core(spec.org, table, spec.timing.tFAW);
  auto at = [](std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, std::uint32_t row = 0) {
    DramAddress a;
    a.rank = rank, a.bankGroup = bg, a.bank = bank, a.row = row;
    return a;
  };
  core.issue(C::kAct, at(0, 0, 0), 100);
  CHECK(core.earliest(C::kRead, at(0, 0, 0)) == 100 + 22);  // tRCD
  CHECK(core.earliest(C::kPre, at(0, 0, 0)) == 100 + 52);   // tRAS
  CHECK(core.earliest(C::kAct, at(0, 0, 1)) == 100 + 8);    // tRRD_L, same bank group
  CHECK(core.earliest(C::kAct, at(0, 1, 0)) == 100 + 4);    // tRRD_S, other bank group
  CHECK(core.earliest(C::kAct, at(1, 0, 1)) == 0);          // other rank: free
  core.issue(C::kRead, at(0, 0, 0), 200);
  CHECK(core.earliest(C::kRead, at(0, 0, 1)) == 200 + 8);    // tCCD_L
  CHECK(core.earliest(C::kRead, at(0, 1, 0)) == 200 + 4);    // tCCD_S
  CHECK(core.earliest(C::kRead, at(1, 0, 0)) == 200 + 6);    // nBL + tRTRS (rank switch)
  CHECK(core.earliest(C::kWrite, at(0, 1, 0)) == 200 + 12);  // CL + nBL + 2 - CWL
  CHECK(core.earliest(C::kPre, at(0, 0, 0)) == 200 + 12);    // tRTP
  core.issue(C::kWrite, at(0, 0, 0), 300);
  CHECK(core.earliest(C::kRead, at(0, 0, 1)) == 300 + 16 + 4 + 12);  // CWL + nBL + tWTR_L
  CHECK(core.earliest(C::kRead, at(0, 1, 0)) == 300 + 16 + 4 + 4);   // CWL + nBL + tWTR_S
  // Other rank: CWL + nBL + tRTRS - CL = 0, so the RD at 200's rank switch still binds.
  CHECK(core.earliest(C::kRead, at(1, 0, 0)) == 200 + 6);
  CHECK(core.earliest(C::kPre, at(0, 0, 0)) == 300 + 16 + 4 + 24);  // CWL + nBL + tWR
}

TEST_CASE("the fifth ACT of a rank waits for tFAW after the first", "[dram][timing]") {
  // DDR4-3200: tRRD_S 4, tFAW 34. ACTs to four bank groups at 0, 4, 8, 12; the fifth is legal
  // at 0 + 34, not at 16; another rank is not affected.
  const DramSpec spec = loadSpec("ddr4_3200");
  DramTimingCore core(spec.org, buildTimingTable(spec.timing), spec.timing.tFAW);
  for (std::uint32_t i = 0; i < 4; ++i) {
    DramAddress a;
    a.bankGroup = i;
    CHECK(core.earliest(C::kAct, a) == 4 * i);
    core.issue(C::kAct, a, 4 * i);
  }
  DramAddress fifth;
  fifth.bank = 1;
  CHECK(core.earliest(C::kAct, fifth) > 33);
  CHECK(core.earliest(C::kAct, fifth) == 34);
  DramAddress otherRank;
  otherRank.rank = 1;
  CHECK(core.earliest(C::kAct, otherRank) == 0);
}

TEST_CASE("refresh blocks its rank for tRFC and per-bank refresh only its bank", "[dram][timing]") {
  const DramSpec spec = loadSpec("hbm2");  // tRFC 350, tRFCpb 160 cycles of 1 ns
  DramTimingCore core(spec.org, buildTimingTable(spec.timing), spec.timing.tFAW);
  DramAddress a, otherBank, otherPch;
  otherBank.bank = 1;
  otherPch.pseudoChannel = 1;
  core.issue(C::kRefresh, a, 1000);
  CHECK(core.earliest(C::kAct, otherBank) == 1350);
  CHECK(core.earliest(C::kAct, otherPch) == 0);
  core.issue(C::kRefreshBank, otherPch, 2000);
  CHECK(core.earliest(C::kAct, otherPch) == 2160);
  DramAddress neighbour = otherPch;
  neighbour.bank = 2;
  CHECK(core.earliest(C::kAct, neighbour) < 2160);
}

TEST_CASE("the core rejects commands that contradict the bank state or come early",
          "[dram][timing]") {
  const DramSpec spec = loadSpec("ddr4_3200");
  DramTimingCore core(spec.org, buildTimingTable(spec.timing), spec.timing.tFAW);
  DramAddress a;
  CHECK_THROWS_AS(core.issue(C::kRead, a, 0), std::logic_error);  // row not open
  core.issue(C::kAct, a, 0);
  CHECK_THROWS_AS(core.issue(C::kRead, a, 21), std::logic_error);      // before tRCD
  CHECK_THROWS_AS(core.issue(C::kRefresh, a, 500), std::logic_error);  // bank open
  CHECK(core.required(a, false, false) == C::kRead);
  a.row = 7;
  CHECK(core.required(a, false, false) == C::kPre);
}
