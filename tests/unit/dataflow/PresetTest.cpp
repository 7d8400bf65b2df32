// Presets: Plasticine's peak and on-chip capacity; the SN40L-like socket's; GEMM end to end.
#include <catch2/catch.hpp>

#include "DataflowRun.h"

using namespace xpusim::test;

TEST_CASE("Plasticine preset: 12.29 TFLOPS peak and 16 MB on chip") {
  auto run = runWorkload("plasticine", "pcu_test");
  // 64 PCU x 16 lanes x 6 stages x 2 FLOP x 1 GHz; 64 PMU x 256 KiB.
  CHECK(run->stat("system.rdu.peak_flops") == 12288e9);
  CHECK(run->stat("system.rdu.onchip_bytes") == 64.0 * 256 * 1024);
}

TEST_CASE("SN40L preset: 638 TFLOPS peak and 520 MB on chip") {
  auto run = runWorkload("sn40l", "pcu_test");
  // 1040 PCU x 32 lanes x 6 stages x 2 FLOP x 1.6 GHz = 638.976 TFLOPS; 1040 x 512 KiB.
  CHECK(run->stat("system.rdu.peak_flops") == Approx(638.976e12).epsilon(1e-12));
  CHECK(run->stat("system.rdu.onchip_bytes") == 1040.0 * 512 * 1024);
}

TEST_CASE("tiled GEMM end to end: 2MNK FLOPs, every operand byte moved once") {
  auto run = runWorkload("plasticine", "gemm", "    vars: M=256,K=128,N=384,P=16\n");
  const double m = 256, k = 128, n = 384;
  CHECK(run->stat("system.rdu.flops") == 2 * m * n * k);
  CHECK(run->stat("system.rdu.hbm_read_bytes") == 4 * (m * k + k * n));
  CHECK(run->stat("system.rdu.hbm_write_bytes") == 4 * m * n);
  // 16 PCUs x (M K / 16) x N / (6 x 16) firings: the compute bound is 8192 cycles.
  CHECK(run->stat("system.rdu.cycles") >= 8192);
  CHECK(run->stat("system.rdu.peak_fraction") > 0);
  CHECK(run->stat("system.rdu.peak_fraction") <= 16.0 / 64);
}
