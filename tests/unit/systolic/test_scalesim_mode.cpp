// scalesim timing: SCALE-Sim v2 @22f88b1 values from reference/systolic.md sections 4, 6, 7, 9.
#include <catch2/catch.hpp>

#include "SystolicRun.h"

using namespace xpusim::test;

namespace {
std::string keys(const std::string& df, int n) {
  return "    timing: scalesim\n    dataflow: " + df + "\n    rows: " + std::to_string(n) +
         "\n    cols: " + std::to_string(n) +
         "\n    ifmap_sram: 64KiB\n    filter_sram: 64KiB\n    ofmap_sram: 64KiB\n";
}
}  // namespace

TEST_CASE("test.csv Inc5b_3x3 on 32x32, os: SCALE-Sim CALC values", "[systolic][scalesim]") {
  auto r = runArray(keys("os", 32), referenceTopology("test.csv"));
  const auto& l = r->layer();
  // M = 25, N = 384, K = 1728; os: 1 x 12 folds of L = 1728 + 32 + 32 - 2 = 1790.
  CHECK(l.gemm.m == 25);
  CHECK(l.gemm.n == 384);
  CHECK(l.gemm.k == 1728);
  CHECK(l.rowFolds == 1);
  CHECK(l.colFolds == 12);
  CHECK(r->stat("total_cycles") == 21479);  // 12 * 1790 - 1
  CHECK(r->stat("stall_cycles") == 0);
  CHECK(r->stat("utilization_pct") == Approx(75.4225).margin(1e-4));
  CHECK(r->stat("ifmap_sram_reads") == 518400);   // col_folds * M * K
  CHECK(r->stat("filter_sram_reads") == 663552);  // row_folds * K * N
  CHECK(r->stat("ofmap_sram_writes") == 10368);   // M * N + folds * (R + C): the OS quirk
  // Distinct ifmap (7 x 7 x 192) fits in half of 64 KiB: loaded once, as SCALE-Sim's DRAM count.
  CHECK(r->stat("ifmap_dram_reads") == 9408);
  CHECK(r->stat("filter_dram_reads") == 663552);
  CHECK(r->stat("ofmap_dram_writes") == 9600);
  CHECK(r->file("COMPUTE_REPORT.csv") ==
        "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute "
        "Util %,\n0, 21479, 0, 75.42250570324504, 78.125, 75.41899441340782,\n");
}

TEST_CASE("test.csv Inc5b_3x3 on 32x32, ws: SCALE-Sim CALC values", "[systolic][scalesim]") {
  auto r = runArray(keys("ws", 32), referenceTopology("test.csv"));
  const auto& l = r->layer();
  // ws: Sr = K = 1728 (54 folds), Sc = N = 384 (12), T = M = 25; L = 64 + 32 + 25 - 2 = 119.
  CHECK(l.rowFolds == 54);
  CHECK(l.colFolds == 12);
  CHECK(r->stat("total_cycles") == 77111);  // 648 * 119 - 1
  CHECK(r->stat("utilization_pct") == Approx(21.0087).margin(1e-4));
  // Every fold is full: 100 %; compute util T / (2R + 2C + T - 3) = 25 / 150.
  CHECK(r->file("COMPUTE_REPORT.csv")
            .find("0, 77111, 0, 21.008675805008366, 100.0, "
                  "16.666666666666803,") != std::string::npos);
  CHECK(r->stat("ifmap_sram_reads") == 518400);
  CHECK(r->stat("filter_sram_reads") == 663552);
  CHECK(r->stat("ofmap_sram_writes") == 518400);  // row_folds * M * N
}

TEST_CASE("test.csv Inc5b_3x3 on 32x32, is: SCALE-Sim CALC values", "[systolic][scalesim]") {
  auto r = runArray(keys("is", 32), referenceTopology("test.csv"));
  const auto& l = r->layer();
  // is: Sr = K (54), Sc = M = 25 (1), T = N = 384; L = 64 + 32 + 384 - 2 = 478.
  CHECK(l.rowFolds == 54);
  CHECK(l.colFolds == 1);
  CHECK(r->stat("total_cycles") == 25811);  // 54 * 478 - 1
  CHECK(r->stat("utilization_pct") == Approx(62.7639).margin(1e-4));
  xpusim::systolic::LayerReport report(true, 32, 32, 1);
  CHECK(report.mappingEfficiencyPct(l) == Approx(78.125).margin(1e-4));
  CHECK(report.computeUtilizationPct(l) == Approx(58.9391).margin(1e-4));
  CHECK(r->stat("ifmap_sram_reads") == 43200);    // M * K
  CHECK(r->stat("filter_sram_reads") == 663552);  // col_folds * K * N
  CHECK(r->stat("ofmap_sram_writes") == 518400);  // row_folds * M * N
}

TEST_CASE("os and ws utilisation columns match SCALE-Sim to 1e-4", "[systolic][scalesim]") {
  xpusim::systolic::LayerReport report(true, 32, 32, 1);
  auto os = runArray(keys("os", 32), referenceTopology("test.csv"));
  CHECK(report.mappingEfficiencyPct(os->layer()) == Approx(78.125).margin(1e-4));
  CHECK(report.computeUtilizationPct(os->layer()) == Approx(75.419).margin(1e-4));
  auto ws = runArray(keys("ws", 32), referenceTopology("test.csv"));
  CHECK(report.mappingEfficiencyPct(ws->layer()) == Approx(100.0).margin(1e-4));
  CHECK(report.computeUtilizationPct(ws->layer()) == Approx(16.6667).margin(1e-4));
}

TEST_CASE("NxNxN on an NxN array: os 3N-3, ws and is 4N-3 (valid_N.csv)", "[systolic][scalesim]") {
  for (int n : {4, 8, 16, 32}) {
    const std::string topo = referenceTopology("valid_" + std::to_string(n) + ".csv");
    CHECK(runArray(keys("os", n), topo)->stat("total_cycles") == 3 * n - 3);
    CHECK(runArray(keys("ws", n), topo)->stat("total_cycles") == 4 * n - 3);
    CHECK(runArray(keys("is", n), topo)->stat("total_cycles") == 4 * n - 3);
  }
}

TEST_CASE("layers.csv has the issue's columns and one row per layer", "[systolic][scalesim]") {
  auto r = runArray(keys("os", 32), referenceTopology("test.csv"));
  const std::string csv = r->file("layers.csv");
  CHECK(csv.rfind("layer,M,N,K,row_folds,col_folds,compute_cycles,stall_cycles,total_cycles,"
                  "utilization_pct,mapping_efficiency_pct,compute_utilization_pct,"
                  "ifmap_sram_reads,filter_sram_reads,ofmap_sram_writes,ifmap_dram_reads,"
                  "filter_dram_reads,ofmap_dram_writes,energy_pj",
                  0) == 0);
  CHECK(csv.find("\nInc5b_3x3,25,384,1728,1,12,21479,0,21479,") != std::string::npos);
}
