// physical timing: the cycle law of SystolicArray.h / FoldTiming.h.
#include <catch2/catch.hpp>

#include "SystolicRun.h"

using namespace xpusim::test;

namespace {
std::string keys(const std::string& df, int rows, int cols, const std::string& extra = "") {
  return "    dataflow: " + df + "\n    rows: " + std::to_string(rows) +
         "\n    cols: " + std::to_string(cols) + "\n" + extra;
}
std::string gemm(int m, int n, int k) {
  return "Layer, M, N, K,\ng, " + std::to_string(m) + ", " + std::to_string(n) + ", " +
         std::to_string(k) + ",\n";
}
}  // namespace

TEST_CASE("4x4 os 4x4x4 GEMM takes 10 cycles, not SCALE-Sim's 9", "[systolic][physical]") {
  auto r = runArray(keys("os", 4, 4), gemm(4, 4, 4));
  CHECK(r->stat("total_cycles") == 10);  // T + R + C - 2 = 3N - 2
  // Simulated time is the cycle count at 1 GHz.
  CHECK(r->sim->stats().value("system.sim_ticks") == 10000);
}

TEST_CASE("NxNxN physical rule: os 3N-2, ws and is 4N-2", "[systolic][physical]") {
  for (int n : {4, 8, 16, 32}) {
    CHECK(runArray(keys("os", n, n), gemm(n, n, n))->stat("total_cycles") == 3 * n - 2);
    CHECK(runArray(keys("ws", n, n), gemm(n, n, n))->stat("total_cycles") == 4 * n - 2);
    CHECK(runArray(keys("is", n, n), gemm(n, n, n))->stat("total_cycles") == 4 * n - 2);
  }
}

TEST_CASE("ragged folds: K not a multiple of R", "[systolic][physical]") {
  // ws, 4x4, M = 3, N = 4, K = 10: row folds of 4, 4, 2 rows; T = M = 3.
  // Padded: 3 * (2*4 + 4 + 3 - 2) = 3 * 13 = 39.
  auto padded = runArray(keys("ws", 4, 4), gemm(3, 4, 10));
  CHECK(padded->layer().rowFolds == 3);
  CHECK(padded->stat("total_cycles") == 39);
  // Shrunk: 13 + 13 + (2*2 + 4 + 3 - 2) = 26 + 9 = 35.
  auto shrunk = runArray(keys("ws", 4, 4, "    shrink_partial_folds: true\n"), gemm(3, 4, 10));
  CHECK(shrunk->stat("total_cycles") == 35);
  // SCALE-Sim pads as well and reports 39 - 1.
  auto compat = runArray(keys("ws", 4, 4, "    timing: scalesim\n"), gemm(3, 4, 10));
  CHECK(compat->stat("total_cycles") == 38);
  // Mapping efficiency: (16 + 16 + 8) / 3 folds / 16 = 83.33 %.
  xpusim::systolic::LayerReport report(true, 4, 4, 1);
  CHECK(report.mappingEfficiencyPct(compat->layer()) == Approx(250.0 / 3).epsilon(1e-12));
}

TEST_CASE("GEMV (M = 1)", "[systolic][physical]") {
  // os, 4x4, M = 1, N = 8, K = 16: 1 row used, 2 column folds of T = 16.
  // Padded: 2 * (16 + 4 + 4 - 2) = 44; shrunk: 2 * (16 + 1 + 4 - 2) = 38.
  CHECK(runArray(keys("os", 4, 4), gemm(1, 8, 16))->stat("total_cycles") == 44);
  CHECK(runArray(keys("os", 4, 4, "    shrink_partial_folds: true\n"), gemm(1, 8, 16))
            ->stat("total_cycles") == 38);
  // ws streams M = 1: K = 16 on 4 row folds, N = 8 on 2 column folds: 8 * (8 + 4 + 1 - 2) = 88.
  CHECK(runArray(keys("ws", 4, 4), gemm(1, 8, 16))->stat("total_cycles") == 88);
}

TEST_CASE("T < R: the fold still pays for the full pipeline", "[systolic][physical]") {
  // os, 8x8, M = N = 8, K = 2: L = 2 + 8 + 8 - 2 = 16 (not shortened by the short stream).
  CHECK(runArray(keys("os", 8, 8), gemm(8, 8, 2))->stat("total_cycles") == 16);
  CHECK(runArray(keys("os", 8, 8, "    timing: scalesim\n"), gemm(8, 8, 2))->stat("total_cycles") ==
        15);
}

TEST_CASE("shadow preload hides the preload of every fold but the first", "[systolic][physical]") {
  // ws, 4x4, M = 5, N = 8, K = 8: 2 x 2 folds of L = 8 + 4 + 5 - 2 = 15, preload 4.
  CHECK(runArray(keys("ws", 4, 4), gemm(5, 8, 8))->stat("total_cycles") == 60);
  // 15 + 3 * 11 = 48.
  CHECK(runArray(keys("ws", 4, 4, "    shadow_preload: true\n"), gemm(5, 8, 8))
            ->stat("total_cycles") == 48);
  // os has no preload: unchanged.
  CHECK(runArray(keys("os", 4, 4, "    shadow_preload: true\n"), gemm(5, 8, 8))
            ->stat("total_cycles") ==
        runArray(keys("os", 4, 4), gemm(5, 8, 8))->stat("total_cycles"));
}

TEST_CASE("physical options are rejected in scalesim mode", "[systolic][physical]") {
  CHECK_THROWS_AS(
      runArray(keys("ws", 4, 4, "    timing: scalesim\n    shadow_preload: true\n"), gemm(4, 4, 4)),
      xpusim::InputError);
}

TEST_CASE("energy is the sum of actions times the cited per-action energies",
          "[systolic][energy]") {
  // os 4x4x4 on 4x4: 64 MACs x 0.23 pJ; SRAM reads 16 ifmap + 16 filter words x 2.5 pJ/B;
  // 16 ofmap writes x 2.5 pJ/B; backing memory: ifmap and filter (both resident) and the
  // outputs, 16 + 16 + 16 B x 160 pJ/B; no leakage by default.
  auto r = runArray(keys("os", 4, 4), gemm(4, 4, 4));
  CHECK(r->stat("energy_pj") == Approx(64 * 0.23 + 32 * 2.5 + 16 * 2.5 + 48 * 160.0));
  auto leaky = runArray(keys("os", 4, 4, "    leakage_energy: 1.5\n"), gemm(4, 4, 4));
  CHECK(leaky->stat("energy_pj") - r->stat("energy_pj") == Approx(10 * 1.5));  // 10 cycles
}
