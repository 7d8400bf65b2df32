// DDR5 same-bank refresh (REFsb, JESD79-5): one REFsb refreshes bank b of every bank group.
// DDR5-4800 preset: tRFCsb 313 (130 ns), tREFSBRD 73 (30 ns), tREFI 9375, 8 groups x 4 banks.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <stdexcept>

#include "DramFixture.h"
#include "models/memory/dram/DramTimingCore.h"

using namespace xpusim;
using namespace xpusim::test;

namespace {
using C = DramCommand;
constexpr Cycle kT0 = 10'000;  // far from the set-up commands at cycle 0

DramAddress bank(std::uint32_t group, std::uint32_t b) {
  DramAddress a;
  a.bankGroup = group;
  a.bank = b;
  return a;
}
}  // namespace

TEST_CASE("REFsb needs bank b closed in every bank group", "[dram][refsb]") {
  const DramSpec s = loadSpec("ddr5_4800");
  DramTimingCore core(s.org, buildTimingTable(s.timing), s.timing.tFAW);
  core.issue(C::kAct, bank(5, 1), 0);  // bank 1 of group 5 open
  CHECK_THROWS_AS(core.issue(C::kRefreshSameBank, bank(0, 1), kT0), std::logic_error);
}

TEST_CASE("REFsb blocks its banks for tRFCsb and other banks for tREFSBRD", "[dram][refsb]") {
  const DramSpec s = loadSpec("ddr5_4800");
  REQUIRE(s.timing.tRFCsb == 313);   // ceil(130 ns / 0.416 ns)
  REQUIRE(s.timing.tREFSBRD == 73);  // ceil(30 ns / 0.416 ns)
  DramTimingCore core(s.org, buildTimingTable(s.timing), s.timing.tFAW);
  core.issue(C::kRefreshSameBank, bank(0, 1), kT0);
  // Bank 1 of any group: ACT illegal at t + tRFCsb - 1, legal at t + tRFCsb.
  CHECK(core.earliest(C::kAct, bank(5, 1)) == kT0 + 313);
  CHECK_THROWS_AS(core.issue(C::kAct, bank(5, 1), kT0 + 312), std::logic_error);
  // Another bank stays usable during the REFsb, tREFSBRD after it.
  CHECK(core.earliest(C::kAct, bank(5, 2)) == kT0 + 73);
  CHECK_THROWS_AS(core.issue(C::kAct, bank(5, 2), kT0 + 72), std::logic_error);
  core.issue(C::kAct, bank(5, 2), kT0 + 73);
  CHECK_NOTHROW(core.issue(C::kAct, bank(5, 1), kT0 + 313));
  // The next REFsb of bank 1 waits for the row cycle of the ACT at t + 313 (tRC 111), and for
  // bank 1 to be closed in every group again.
  CHECK(core.earliest(C::kRefreshSameBank, bank(0, 1)) == kT0 + 313 + 111);
  CHECK_THROWS_AS(core.issue(C::kRefreshSameBank, bank(0, 1), kT0 + 424), std::logic_error);
}

TEST_CASE("same-bank refresh refreshes every bank once per tREFI", "[dram][refsb][controller]") {
  // Reads at 0 and 38,500 to channel 0. The k-th REFsb (k >= 0) is due at
  // floor((k + 1) x tREFI / 4) = (k + 1) x 2343.75: 16 fall due by 38,501 (the 17th at 39,843),
  // so each of the 4 banks b (in all 8 groups at once) is refreshed 4 times: once per tREFI.
  auto r = runConfig(playerConfig("ddr5_4800", "t.csv", "    refresh: same_bank\n"),
                     {{"t.csv", "cycle,op,addr,bytes\n0,R,0,64\n38500,R,0,64\n"}});
  std::map<int, int> perBank;
  for (const auto& c : readCommands(*r))
    if (c.command == "REFsb" && c.channel == 0) ++perBank[c.bank];
  CHECK(perBank.size() == 4);
  for (const auto& [b, n] : perBank) CHECK(n == 4);
  CHECK(r->stat("system.dram.ch0.ref") == 16);
  CHECK(r->stat("system.dram.refpb") == 0);
}

TEST_CASE("a random trace finishes sooner under REFsb than under REFab", "[dram][refsb]") {
  // REFab blocks all 32 banks of a rank for tRFC 710 every tREFI 9375 (7.6 % of the time);
  // REFsb blocks 8 banks for tRFCsb 313 every tREFI / 4 while the other 24 banks keep serving
  // (the rank loses at most tREFSBRD 73 of ACT issue per REFsb: 4 x 73 = 292 < 710 per tREFI).
  const std::string trace = referenceTrace("random_rd_64k");
  auto all = runConfig(playerConfig("ddr5_4800", trace));
  auto same = runConfig(playerConfig("ddr5_4800", trace, "    refresh: same_bank\n"));
  auto off = runConfig(playerConfig("ddr5_4800", trace, "    refresh: off\n"));
  const double ab = all->stat("system.dram.cycles"), sb = same->stat("system.dram.cycles"),
               none = off->stat("system.dram.cycles");
  WARN("DDR5-4800 random 64k: REFab " << ab << ", REFsb " << sb << ", no refresh " << none
                                      << " cycles");
  CHECK(sb < ab);
  CHECK(none <= sb);
  // Closed form: each REFab stalls the whole rank for at least tRFC, so REFab costs at least
  // floor(ab / tREFI) x tRFC cycles over no refresh; REFsb costs less than that.
  const double refabStall = std::floor(ab / 9375) * 710;
  CHECK(ab - none >= refabStall);
  CHECK(sb - none < refabStall);
  CHECK(same->stat("system.dram.ref") > all->stat("system.dram.ref"));
}

TEST_CASE("same-bank refresh on a preset without tRFCsb is an input error", "[dram][refsb]") {
  ConfigFolder f;
  const auto file = f.write("c.yaml", "components:\n  dram:\n    extends: " + preset("hbm2") +
                                          "\n    refresh: same_bank\n");
  const InputError e = buildError(file);
  CHECK_THAT(e.what(), Catch::Contains("refresh") && Catch::Contains("tRFCsb"));
}
