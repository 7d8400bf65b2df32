// Double buffering against an ideal memory: stalls equal the closed form derived by hand.
#include <catch2/catch.hpp>

#include "SystolicRun.h"

using namespace xpusim::test;

// os, 4x4 array at 1 GHz, GEMM M = 16, N = 4, K = 64: 4 row folds of L = 64 + 4 + 4 - 2 = 70.
// ifmap_sram 512 B: half = 256 B = one ifmap tile (4 x 64), and the 1 KiB ifmap does not fit:
// every fold fetches its tile. filter_sram 512 B: the 256 B filter (64 x 4) fits in a half:
// loaded once. Each fold writes 16 B of outputs. Memory: 2 B/ns, latency 0, links 1 ns each
// way, 64 B requests (32 ns each on the data path).
//  t = 0: fold 0's 4 ifmap + 4 filter requests and fold 1's 4 ifmap requests go out; the
//         memory gets them at 1 and serves request i until 1 + 32 (i + 1); responses arrive
//         1 ns later. Fold 0 has all its data at 32 * 8 + 2 = 258: a 258-cycle filter stall.
//  fold 0 runs 258..328. Fold 1's ifmap is in at 32 * 12 + 2 = 386: 58 cycles ifmap stall.
//  fold 1 runs 386..456. From 328 on, fold 0's write (8 ns) and fold 2's 4 reads queue behind
//         the data path (busy until 385): done at 385 + 8 + 128 = 521, in at 522: stall 66.
//  Steady state: (16 B write + 256 B tile) / 2 B/ns - 70 = 66 per fold: fold 3 starts 658.
//  fold 3 ends at 728; its write reaches the memory at 729, takes 8 ns, and is answered at
//         738: 10 cycles of ofmap drain.
// Total: 4 * 70 + 258 + (58 + 66 + 66) + 10 = 738.
TEST_CASE("stalls per operand equal the hand-derived closed form", "[systolic][memory]") {
  auto r = runArray(
      "    dataflow: os\n    rows: 4\n    cols: 4\n    ifmap_sram: 512B\n    filter_sram: 512B\n"
      "    ofmap_sram: 512B\n    mem: memory\n",
      "Layer, M, N, K,\ng, 16, 4, 64,\n",
      "  memory:\n    type: ideal_memory\n    bandwidth: 2GB/s\n    latency: 0ns\n");
  CHECK(r->stat("compute_cycles") == 280);
  CHECK(r->stat("filter_stall_cycles") == 258);
  CHECK(r->stat("ifmap_stall_cycles") == 190);
  CHECK(r->stat("ofmap_stall_cycles") == 10);
  CHECK(r->stat("total_cycles") == 738);
  // The engine's last event is the response slot's credit returning 1 ns after the last answer.
  CHECK(r->sim->stats().value("system.sim_ticks") == 739000);
  CHECK(r->stat("ifmap_dram_reads") == 1024);
  CHECK(r->stat("filter_dram_reads") == 256);
  CHECK(r->stat("ofmap_dram_writes") == 64);
}

TEST_CASE("a fast memory hides everything but the first load", "[systolic][memory]") {
  // Same layer at 64 B/ns: a tile (4 requests) takes 4 ns, far below L = 70, so only the
  // initial load stalls: fold 0's 8 requests done at 1 + 8 = 9, in at 10.
  auto r = runArray(
      "    dataflow: os\n    rows: 4\n    cols: 4\n    ifmap_sram: 512B\n    filter_sram: 512B\n"
      "    ofmap_sram: 512B\n    mem: memory\n",
      "Layer, M, N, K,\ng, 16, 4, 64,\n",
      "  memory:\n    type: ideal_memory\n    bandwidth: 64GB/s\n    latency: 0ns\n");
  CHECK(r->stat("ifmap_stall_cycles") + r->stat("filter_stall_cycles") == 10);
  // The last 16 B write: issued at 290, in at 291, 0.25 ns transfer -> answered at the 292
  // edge, back at 293: 3 cycles.
  CHECK(r->stat("ofmap_stall_cycles") == 3);
  CHECK(r->stat("total_cycles") == 280 + 13);
}

TEST_CASE("scalesim mode with a memory: total - stall = the CALC cycles", "[systolic][memory]") {
  const std::string topo = referenceTopology("test.csv");
  for (const char* df : {"os", "ws", "is"}) {
    auto r = runArray(std::string("    timing: scalesim\n    dataflow: ") + df +
                          "\n    ifmap_sram: 64KiB\n    filter_sram: 64KiB\n"
                          "    ofmap_sram: 64KiB\n    mem: memory\n",
                      topo, "  memory:\n    type: ideal_memory\n    bandwidth: 10GB/s\n");
    auto calc = runArray(std::string("    timing: scalesim\n    dataflow: ") + df +
                             "\n    ifmap_sram: 64KiB\n    filter_sram: 64KiB\n"
                             "    ofmap_sram: 64KiB\n",
                         topo);
    CHECK(r->stat("stall_cycles") > 0);
    CHECK(r->stat("total_cycles") - r->stat("stall_cycles") == calc->stat("total_cycles"));
  }
}
