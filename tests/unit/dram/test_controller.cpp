// Controller command sequences, read from the command trace of small runs on DDR4-3200.
#include <catch2/catch.hpp>

#include "DramFixture.h"

using namespace xpusim::test;

namespace {
// DDR4-3200, RoBaRaCoCh: 64 B offset (6 bits), column 7 bits, rank 1, bank group 2, bank 2,
// then the row from bit 18: row r of rank 0, bank group 0, bank 0 is at r << 18.
std::string row(int r, int column = 0) {
  return std::to_string((r << 18) + column * 64);
}

std::unique_ptr<Run> run(const std::string& csv, const std::string& dramExtra = "") {
  return runConfig(playerConfig("ddr4_3200", "t.csv", "    refresh: off\n" + dramExtra),
                   {{"t.csv", "cycle,op,addr,bytes\n" + csv}});
}
}  // namespace

TEST_CASE("a read to a closed bank is ACT then RD", "[dram][controller]") {
  auto r = run("0,R," + row(0) + ",64\n");
  CHECK(commandNames(readCommands(*r)) == "ACT RD");
  CHECK(r->stat("system.dram.row_misses") == 1);
}

TEST_CASE("a row hit is a lone RD", "[dram][controller]") {
  auto r = run("0,R," + row(3) + ",64\n500,R," + row(3, 5) + ",64\n");
  CHECK(commandNames(readCommands(*r)) == "ACT RD RD");
  CHECK(r->stat("system.dram.row_hits") == 1);
}

TEST_CASE("a row conflict is PRE, ACT, RD", "[dram][controller]") {
  auto r = run("0,R," + row(3) + ",64\n500,R," + row(4) + ",64\n");
  const auto cmds = readCommands(*r);
  CHECK(commandNames(cmds) == "ACT RD PRE ACT RD");
  CHECK(cmds[3].row == 4);
  CHECK(r->stat("system.dram.row_conflicts") == 1);
}

TEST_CASE("FR-FCFS serves the ready row hit before the older conflict", "[dram][controller]") {
  // A (row 1), B (row 2) and C (row 1), all to bank 0 at once: C hits A's open row and goes
  // before B; FCFS keeps arrival order and reopens row 1 for C.
  const std::string csv =
      "0,R," + row(1) + ",64\n0,R," + row(2) + ",64\n0,R," + row(1, 1) + ",64\n";
  auto fr = run(csv);
  const auto cmds = readCommands(*fr);
  REQUIRE(commandNames(cmds) == "ACT RD RD PRE ACT RD");
  CHECK(cmds[2].column == 1);
  CHECK(cmds[4].row == 2);
  auto fcfs = run(csv, "    scheduler: fcfs\n");
  CHECK(commandNames(readCommands(*fcfs)) == "ACT RD PRE ACT RD PRE ACT RD");
}

TEST_CASE("closed page precharges with the column command unless a hit is queued",
          "[dram][controller]") {
  auto spaced =
      run("0,R," + row(1) + ",64\n500,R," + row(1, 1) + ",64\n", "    page_policy: closed\n");
  CHECK(commandNames(readCommands(*spaced)) == "ACT RDA ACT RDA");
  auto together =
      run("0,R," + row(1) + ",64\n0,R," + row(1, 1) + ",64\n", "    page_policy: closed\n");
  CHECK(commandNames(readCommands(*together)) == "ACT RD RDA");
}

TEST_CASE("writes wait for the high watermark while reads are queued", "[dram][controller]") {
  // Two writes and a read at once, high watermark 3: the read goes first although younger.
  auto r = run("0,W," + row(1) + ",64\n0,W," + row(1, 1) + ",64\n0,R," + row(1, 2) + ",64\n",
               "    write_high_watermark: 3\n    write_low_watermark: 1\n");
  CHECK(commandNames(readCommands(*r)) == "ACT RD WR WR");
}

TEST_CASE("refresh closes open rows and preempts", "[dram][controller]") {
  // DDR4-3200 tREFI 12480: rank 0 refreshes at 12480. A row opened before is closed by PREA,
  // so the same row read after the refresh is a miss (ACT), not a hit.
  auto r = runConfig(
      playerConfig("ddr4_3200", "t.csv"),
      {{"t.csv", "cycle,op,addr,bytes\n0,R," + row(1) + ",64\n13000,R," + row(1, 1) + ",64\n"}});
  const auto cmds = readCommands(*r);
  CHECK(commandNames(cmds) == "ACT RD PREA REF ACT RD");
  CHECK(cmds[2].cycle == 12480);
  CHECK(cmds[3].cycle == 12480 + 22);        // tRP after PREA
  CHECK(cmds[4].cycle >= 12480 + 22 + 560);  // tRFC after REF
  CHECK(r->stat("system.dram.row_misses") == 2);
}

TEST_CASE("refresh caught up after an idle period uses the command bus one command a cycle",
          "[dram][controller][refresh]") {
  // DDR4-3200 with 4 ranks and tREFI 88 (tRFC 40): rank r first falls due at 88 + 22 r. Rank 0
  // has a row open (the read at 0), so it needs PREA at 88 and REF at 88 + tRP 22 = 110, the
  // cycle rank 1's REF falls due. The channel sleeps until the read at 150 and then catches up:
  // rank 1's REF must wait one cycle for the command bus (111), not share cycle 110.
  auto r =
      runConfig(playerConfig("ddr4_3200", "t.csv", "    ranks: 4\n    tREFI: 88\n    tRFC: 40\n"),
                {{"t.csv", "cycle,op,addr,bytes\n0,R,0,64\n150,R,64,64\n"}});
  const auto cmds = readCommands(*r);
  REQUIRE(cmds.size() > 6);
  CHECK(commandNames({cmds.begin(), cmds.begin() + 5}) == "ACT RD PREA REF REF");
  CHECK(cmds[2].cycle == 88);
  CHECK(cmds[3].cycle == 110);
  CHECK(cmds[3].rank == 0);
  CHECK(cmds[4].cycle == 111);
  CHECK(cmds[4].rank == 1);
  for (std::size_t i = 1; i < cmds.size(); ++i) {
    INFO("command " << i << " " << cmds[i].command << " at " << cmds[i].cycle);
    CHECK(cmds[i].cycle > cmds[i - 1].cycle);  // one command bus: one command per cycle
  }
}

namespace {
/// All-bank refreshes due by cycle `until` in each refresh scope (rank / pseudo-channel) of a
/// channel: scope r refreshes at (k + 1 + r / scopes) x tREFI, k >= 0.
std::uint64_t refreshesDue(std::uint64_t until, std::uint64_t tREFI, std::uint64_t scopes) {
  std::uint64_t n = 0;
  for (std::uint64_t r = 0; r < scopes; ++r) {
    const std::uint64_t first = tREFI + tREFI * r / scopes;
    if (until >= first) n += (until - first) / tREFI + 1;
  }
  return n;
}

void checkRefreshIssued(const std::string& name) {
  // Two reads to channel 0, 200,000 cycles apart: every refresh due in between is issued
  // (ramulator2 #94/#129: HBM and GDDR6 all-bank refresh was never issued).
  const xpusim::DramSpec s = loadSpec(name);
  auto r = runConfig(playerConfig(name, "t.csv"),
                     {{"t.csv", "cycle,op,addr,bytes\n0,R,0,32\n200000,R,0,32\n"}});
  // The second read reaches the controller one cycle later (the port's latency).
  const std::uint64_t expected = refreshesDue(200001, s.timing.tREFI, s.org.ranksPerChannel());
  INFO(name << ": tREFI " << s.timing.tREFI);
  CHECK(expected > 50);
  CHECK(r->stat("system.dram.ch0.ref") == expected);
  CHECK(r->stat("system.dram.ref") == expected);
}
}  // namespace

TEST_CASE("all-bank refresh is issued on HBM2", "[dram][controller][refresh]") {
  checkRefreshIssued("hbm2");
}

TEST_CASE("all-bank refresh is issued on GDDR6", "[dram][controller][refresh]") {
  checkRefreshIssued("gddr6");
}

TEST_CASE("per-bank refresh refreshes every bank in turn", "[dram][controller][refresh]") {
  // HBM2 tREFIpb 243: over 243 x 32 cycles each pseudo-channel issues 32 REFpb, 2 per bank.
  auto r = runConfig(playerConfig("hbm2", "t.csv", "    refresh: per_bank\n"),
                     {{"t.csv", "cycle,op,addr,bytes\n0,R,0,32\n7776,R,0,32\n"}});
  const auto cmds = readCommands(*r);
  std::map<std::pair<int, int>, int> perBank;
  for (const auto& c : cmds)
    if (c.command == "REFpb" && c.pseudoChannel == 0) ++perBank[{c.bankGroup, c.bank}];
  CHECK(perBank.size() == 16);
  for (const auto& [bank, n] : perBank) CHECK(n == 2);
  CHECK(r->stat("system.dram.refpb") == r->stat("system.dram.ref"));
}
