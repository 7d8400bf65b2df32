// Every PIM timing edge of the DRAM core on the HBM2-PIM preset: the next command is illegal
// at t + gap - 1 (issuing it throws) and legal at t + gap. Gaps from configs/pim/hbm2_pim.yaml
// on configs/memory/dram/hbm2.yaml: tRCD_MAC 14, tCCD_MAC 4, tRTP_MAC 5, tCCD_GB 4,
// tMAC_RD 4, CWL 5, nBL 2, tRP 14, tRAS 34, tRC 48, tRFC 350, tCCD_S 2.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "PimFixture.h"
#include "models/memory/dram/DramTimingCore.h"

using namespace xpusim;
using C = DramCommand;

namespace {

constexpr Cycle kT0 = 10'000;  // far from the set-up commands

const DramSpec& spec() {
  static const DramSpec s = [] {
    auto run = test::runPim("hbm2_pim", test::gemvKernel(16, 16), "    refresh: off\n");
    return test::device(*run).dram();
  }();
  return s;
}

DramTimingCore makeCore() {
  return DramTimingCore(spec().org, buildTimingTable(spec().timing), spec().timing.tFAW);
}

/// `next` to `a` is illegal one cycle before `at` and legal at `at`.
void requireFirstLegal(DramTimingCore& core, C next, const DramAddress& a, Cycle at) {
  INFO(dramCommandName(next) << " expected first legal at " << at);
  REQUIRE(core.earliest(next, a) == at);
  DramTimingCore copy = core;
  REQUIRE_THROWS_AS(copy.issue(next, a, at - 1), std::logic_error);
}

DramAddress bank(std::uint32_t bg, std::uint32_t b, std::uint32_t row = 7) {
  DramAddress a;
  a.bankGroup = bg, a.bank = b, a.row = row;
  return a;
}

}  // namespace

TEST_CASE("PIM presets carry their edges", "[pim][timing]") {
  const DramTiming& t = spec().timing;
  CHECK(t.tRCDMAC == 14);
  CHECK(t.tCCDMAC == 4);
  CHECK(t.tRTPMAC == 5);
  CHECK(t.tCCDGB == 4);
  CHECK(t.tMACRD == 4);
}

TEST_CASE("PIM all-bank edges", "[pim][timing]") {
  const DramTiming& t = spec().timing;
  const DramAddress a = bank(0, 0);
  SECTION("ACTab -> MACab is tRCD_MAC") {
    auto core = makeCore();
    core.issue(C::kActAb, a, kT0);
    requireFirstLegal(core, C::kMacAb, a, kT0 + t.tRCDMAC);
  }
  SECTION("MACab -> MACab is tCCD_MAC") {
    auto core = makeCore();
    core.issue(C::kActAb, a, 0);
    core.issue(C::kMacAb, a, kT0);
    requireFirstLegal(core, C::kMacAb, a, kT0 + t.tCCDMAC);
  }
  SECTION("MACab -> PREA is tRTP_MAC") {
    auto core = makeCore();
    core.issue(C::kActAb, a, 0);
    core.issue(C::kMacAb, a, kT0);
    requireFirstLegal(core, C::kPreAll, a, kT0 + t.tRTPMAC);
  }
  SECTION("ACTab -> PREA is tRAS") {
    auto core = makeCore();
    core.issue(C::kActAb, a, kT0);
    requireFirstLegal(core, C::kPreAll, a, kT0 + t.tRAS);
  }
  SECTION("ACTab -> ACTab is tRC (PREA at tRAS, + tRP = 48 = tRC)") {
    auto core = makeCore();
    core.issue(C::kActAb, a, kT0);
    core.issue(C::kPreAll, a, kT0 + t.tRAS);
    requireFirstLegal(core, C::kActAb, a, kT0 + t.tRC);
  }
  SECTION("PREA -> ACTab is tRP") {
    auto core = makeCore();
    core.issue(C::kActAb, a, 0);
    core.issue(C::kPreAll, a, kT0);
    requireFirstLegal(core, C::kActAb, a, kT0 + t.tRP);
  }
  SECTION("REF -> ACTab is tRFC") {
    auto core = makeCore();
    core.issue(C::kRefresh, a, kT0);
    requireFirstLegal(core, C::kActAb, a, kT0 + t.tRFC);
  }
  SECTION("a single-bank ACT -> ACTab is tRC") {
    auto core = makeCore();
    core.issue(C::kAct, bank(2, 1), kT0);
    core.issue(C::kPre, bank(2, 1), kT0 + t.tRAS);
    requireFirstLegal(core, C::kActAb, a, kT0 + t.tRC);
  }
  SECTION("WRGB -> WRGB is tCCD_GB") {
    auto core = makeCore();
    core.issue(C::kWrGb, a, kT0);
    requireFirstLegal(core, C::kWrGb, a, kT0 + t.tCCDGB);
  }
  SECTION("WRGB -> MACab is CWL + nBL (the operand has arrived)") {
    auto core = makeCore();
    core.issue(C::kActAb, a, 0);
    core.issue(C::kWrGb, a, kT0);
    requireFirstLegal(core, C::kMacAb, a, kT0 + t.CWL + t.nBL);
  }
  SECTION("MACab -> RDMAC is tMAC_RD") {
    auto core = makeCore();
    core.issue(C::kActAb, a, 0);
    core.issue(C::kMacAb, a, kT0);
    requireFirstLegal(core, C::kRdMac, a, kT0 + t.tMACRD);
  }
  SECTION("RDMAC -> RDMAC and RD -> RDMAC share the data bus: nBL") {
    auto core = makeCore();
    core.issue(C::kRdMac, a, kT0);
    requireFirstLegal(core, C::kRdMac, a, kT0 + t.nBL);
  }
  SECTION("the other pseudo-channel is not blocked by an all-bank command") {
    auto core = makeCore();
    core.issue(C::kActAb, a, kT0);
    DramAddress other = a;
    other.pseudoChannel = 1;
    REQUIRE(core.earliest(C::kActAb, other) <= kT0);
  }
  SECTION("MACab needs the row open in every bank") {
    auto core = makeCore();
    REQUIRE_THROWS_AS(core.issue(C::kMacAb, a, kT0), std::logic_error);
    core.issue(C::kActAb, a, 0);
    REQUIRE_THROWS_AS(core.issue(C::kMacAb, bank(0, 0, 8), kT0), std::logic_error);
  }
}

TEST_CASE("PIM single-bank edges", "[pim][timing]") {
  const DramTiming& t = spec().timing;
  const DramAddress a = bank(1, 2);
  SECTION("ACT -> MACsb is tRCD_MAC") {
    auto core = makeCore();
    core.issue(C::kAct, a, kT0);
    requireFirstLegal(core, C::kMacSb, a, kT0 + t.tRCDMAC);
  }
  SECTION("MACsb -> MACsb, same bank, is tCCD_MAC") {
    auto core = makeCore();
    core.issue(C::kAct, a, 0);
    core.issue(C::kMacSb, a, kT0);
    requireFirstLegal(core, C::kMacSb, a, kT0 + t.tCCDMAC);
  }
  SECTION("MACsb -> MACsb, another bank, is tCCD_S") {
    auto core = makeCore();
    core.issue(C::kAct, a, 0);
    core.issue(C::kAct, bank(2, 0), 100);
    core.issue(C::kMacSb, a, kT0);
    requireFirstLegal(core, C::kMacSb, bank(2, 0), kT0 + t.tCCD_S);
  }
  SECTION("MACsb -> PRE is tRTP_MAC") {
    auto core = makeCore();
    core.issue(C::kAct, a, 0);
    core.issue(C::kMacSb, a, kT0);
    requireFirstLegal(core, C::kPre, a, kT0 + t.tRTPMAC);
  }
}

TEST_CASE("The controller interleaves PIM commands with host requests", "[pim][controller]") {
  // Four MACab to row 3 of pseudo-channel 0, then a host read to row 5 of bank 1: the PIM ops
  // go first in order (the controller adds ACTab), the read waits until the PIM queue drained
  // (AiM-style exclusion), then needs PRE (the row is open in every bank) and ACT.
  DramPolicy policy;
  policy.refresh = DramPolicy::Refresh::kOff;
  DramController ctrl(0, spec(), policy, nullptr);
  const DramTiming& t = spec().timing;
  for (std::uint32_t k = 0; k < 4; ++k) {
    DramPimOp op;
    op.addr = bank(0, 0, 3);
    op.addr.column = k;
    op.owner = k;
    ctrl.enqueuePim(op);
  }
  ctrl.enqueue(bank(0, 1, 5), false, 99, 0);
  std::vector<DramCompletion> done, all;
  for (Cycle now = 0; now != DramController::kNever;) {
    const Cycle next = ctrl.serve(now, done);
    all.insert(all.end(), done.begin(), done.end());
    done.clear();
    now = next == DramController::kNever ? next : std::max(next, now + 1);
  }
  REQUIRE(all.size() == 5);
  // ACTab at 0, MACs at tRCD_MAC + k x tCCD_MAC = 14, 18, 22, 26.
  for (std::uint32_t k = 0; k < 4; ++k) {
    CHECK(all[k].owner == k);
    CHECK(all[k].issued == t.tRCDMAC + k * t.tCCDMAC);
  }
  // PRE at max(last MAC + tRTP_MAC, ACTab + tRAS) = max(31, 34) = 34, ACT at 34 + tRP = 48
  // (also ACTab + tRC = 48), RD at 48 + tRCD = 62, data done at 62 + CL + nBL = 78.
  CHECK(all[4].owner == 99);
  CHECK(all[4].done == 62 + t.CL + t.nBL);
  CHECK(ctrl.stats().actAb == 1);
  CHECK(ctrl.stats().mac == 4);
}
