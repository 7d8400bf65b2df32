// Closed-form checks of shared/reference/dram_pim.md section 4 on DDR4-3200 and HBM2, with the
// reference traces of shared/reference/data/dram. Each check prints the measured agreement.
#include <catch2/catch.hpp>

#include <cstdio>

#include "DramFixture.h"

using namespace xpusim::test;

namespace {

std::unique_ptr<Run> runTrace(const std::string& name, const std::string& trace,
                              const std::string& dramExtra = "") {
  return runConfig(playerConfig(name, referenceTrace(trace), dramExtra));
}

double cycles(const Run& r) {
  return r.stat("system.dram.cycles");
}

void report(const char* what, double measured, double expected) {
  std::printf("closed form: %-44s measured %9.0f expected %9.0f (%+.2f%%)\n", what, measured,
              expected, 100.0 * (measured / expected - 1));
}

/// N x tRC / (1 - tRFC / tREFI): the row cycle stretched by the refresh duty.
double withRefresh(double cycles, const xpusim::DramTiming& t) {
  return cycles / (1.0 - static_cast<double>(t.tRFC) / static_cast<double>(t.tREFI));
}

}  // namespace

TEST_CASE("unloaded read latency is CL + nBL, + tRCD, + tRP", "[dram][closed-form]") {
  // DDR4-3200 (row r of bank 0 at r << 18): a closed bank costs tRCD + CL + nBL = 48 cycles,
  // a hit CL + nBL = 26, a conflict tRP + tRCD + CL + nBL = 70; the controller adds nothing.
  auto d = runConfig(playerConfig("ddr4_3200", "t.csv", "    refresh: off\n"),
                     {{"t.csv",
                       "cycle,op,addr,bytes\n0,R,262144,64\n1000,R,262208,64\n"
                       "2000,R,524288,64\n"}});
  CHECK(d->stat("system.dram.read_latency.count") == 3);
  CHECK(d->stat("system.dram.read_latency.min") == 22 + 4);
  CHECK(d->stat("system.dram.read_latency.p50") == 22 + 22 + 4);
  CHECK(d->stat("system.dram.read_latency.max") == 22 + 22 + 22 + 4);
  // HBM2 pseudo-channel, 32 B requests: 14 + 2 = 16, 14 + 14 + 2 = 30, 14 + 14 + 14 + 2 = 44.
  auto h = runConfig(playerConfig("hbm2", "t.csv", "    refresh: off\n"),
                     {{"t.csv",
                       "cycle,op,addr,bytes\n0,R,262144,32\n1000,R,262400,32\n"
                       "2000,R,524288,32\n"}});
  CHECK(h->stat("system.dram.read_latency.min") == 16);
  CHECK(h->stat("system.dram.read_latency.p50") == 30);
  CHECK(h->stat("system.dram.read_latency.max") == 44);
  CHECK(h->stat("system.dram.read_latency_mean") == Approx((16 + 30 + 44) / 3.0));
}

TEST_CASE("a single-bank conflict trace takes N x tRC, plus refresh", "[dram][closed-form]") {
  // 4,096 reads, each to a new row of the same bank. Without refresh the first ACT is at cycle
  // 1 (the port), ACT i at 1 + 74 i, and the last read's data ends tRCD + CL + nBL later:
  // 4095 x 74 + 1 + 48 = 303,079 cycles (N x tRC = 303,104 less the tail).
  auto off = runTrace("ddr4_3200", "conflict_rd_4k", "    refresh: off\n");
  CHECK(cycles(*off) == 4095 * 74 + 1 + 48);
  CHECK(off->stat("system.dram.row_hits") == 0);
  CHECK(off->stat("system.dram.row_conflicts") == 4095);
  // With refresh, only rank 0's refreshes (every tREFI) stretch the trace: N x tRC + R x tRFC.
  auto on = runTrace("ddr4_3200", "conflict_rd_4k");
  const double refreshes = std::floor(cycles(*on) / 12480.0);
  const double expected = 4096 * 74 + refreshes * 560;
  report("DDR4-3200 conflict, refresh", cycles(*on), expected);
  CHECK(cycles(*on) == Approx(expected).epsilon(0.01));
  CHECK(on->stat("system.dram.row_hits") == 0);

  // HBM2 pseudo-channel: each 64 B request is two 32 B bursts in channels 0 and 1, which run
  // the same N x tRC sequence side by side: 4095 x 48 + 1 + 30.
  const xpusim::DramSpec hbm = loadSpec("hbm2");
  auto h = runTrace("hbm2", "conflict_rd_4k", "    refresh: off\n");
  CHECK(cycles(*h) == 4095 * 48 + 1 + 30);
  auto hr = runTrace("hbm2", "conflict_rd_4k");
  report("HBM2 (PCH) conflict, refresh", cycles(*hr), withRefresh(4096 * 48, hbm.timing));
  CHECK(cycles(*hr) == Approx(withRefresh(4096 * 48, hbm.timing)).epsilon(0.01));
  // HBM2 legacy (DRAMsim3 values): reference 196,608 without and about 210,650 with refresh.
  auto l = runTrace("hbm2_legacy", "conflict_rd_4k", "    refresh: off\n");
  CHECK(cycles(*l) == 4095 * 48 + 1 + 30);
  auto lr = runTrace("hbm2_legacy", "conflict_rd_4k");
  report("HBM2 legacy conflict, refresh (ref. 210,650)", cycles(*lr), 210650);
  CHECK(cycles(*lr) == Approx(210650).epsilon(0.01));
}

TEST_CASE("a random trace on one rank is bound by the four-activate window",
          "[dram][closed-form]") {
  // HBM2 legacy, one channel: tFAW / 4 = 7.5 cycles per request > tRRD_S 4 > nBL 2:
  // 65,536 x 7.5 = 491,520 cycles; with refresh about 526,600.
  const xpusim::DramSpec spec = loadSpec("hbm2_legacy");
  auto r = runTrace("hbm2_legacy", "random_rd_64k", "    channels: 1\n");
  const double bound = withRefresh(65536 * 7.5, spec.timing);
  report("HBM2 legacy 1 ch random (ACT-bound)", cycles(*r), bound);
  CHECK(cycles(*r) >= 65536 * 7.5);
  CHECK(cycles(*r) == Approx(bound).epsilon(0.05));
  CHECK(r->stat("system.dram.row_hits") <= 10);
  // DDR4-3200, two ranks: two windows, tFAW / 8 = 4.25 cycles per request vs nBL 4.
  const xpusim::DramSpec ddr4 = loadSpec("ddr4_3200");
  auto d = runTrace("ddr4_3200", "random_rd_64k");
  const double ddrBound = withRefresh(65536 * 4.25, ddr4.timing);
  report("DDR4-3200 2R random (tFAW/8-bound)", cycles(*d), ddrBound);
  CHECK(cycles(*d) >= 65536 * 4.25);
  CHECK(cycles(*d) == Approx(ddrBound).epsilon(0.15));
}

TEST_CASE("a stream is bound by tCCD_L or by the burst, depending on the mapping",
          "[dram][closed-form]") {
  const xpusim::DramSpec ddr4 = loadSpec("ddr4_3200");
  // One rank, columns lowest: consecutive lines stay in one bank group, tCCD_L = 8 apart, as
  // long as the controller serves them in order (a one-entry queue; a deeper one overlaps the
  // next bank group at each row boundary and beats the bound, as DRAMsim3 does in its #54).
  auto same = runTrace("ddr4_3200", "stream_rd_64k", "    ranks: 1\n    read_queue: 1\n");
  const double ccdl = withRefresh(65536 * 8, ddr4.timing);
  report("DDR4-3200 1R stream, RoBaCo (tCCD_L)", cycles(*same), ccdl);
  CHECK(cycles(*same) >= 65536 * 8);
  CHECK(cycles(*same) == Approx(ccdl).epsilon(0.03));
  auto deep = runTrace("ddr4_3200", "stream_rd_64k", "    ranks: 1\n");
  report("DDR4-3200 1R stream, RoBaCo, 32-entry queue", cycles(*deep), ccdl);
  CHECK(cycles(*deep) < cycles(*same));
  CHECK(same->stat("system.dram.row_hits") / 65536 == Approx(127.0 / 128).margin(0.005));
  // Bank group lowest: consecutive lines alternate bank groups, tCCD_S = nBL = 4 apart.
  auto alt =
      runTrace("ddr4_3200", "stream_rd_64k", "    ranks: 1\n    address_mapping: RoBaCoBgCh\n");
  const double ccds = withRefresh(65536 * 4, ddr4.timing);
  report("DDR4-3200 1R stream, RoCoBg (tCCD_S = nBL)", cycles(*alt), ccds);
  CHECK(cycles(*alt) == Approx(ccds).epsilon(0.02));
  CHECK(alt->stat("system.dram.bandwidth_GBps") <= 25.6);
  // HBM2 legacy: tCCD_L 2 = nBL, no penalty: 32 GB/s per channel, 256 GB/s per stack.
  auto h = runTrace("hbm2_legacy", "stream_rd_64k");
  const double nbl = withRefresh(65536.0 / 8 * 2, loadSpec("hbm2_legacy").timing);
  report("HBM2 legacy stream, 8 ch (nBL)", cycles(*h), nbl);
  CHECK(cycles(*h) == Approx(nbl).epsilon(0.02));
  CHECK(h->stat("system.dram.peak_share") >= 0.9);
}
