// Functional path: the GEMM computed through each dataflow's fold order equals a plain GEMM.
#include <catch2/catch.hpp>

#include "SystolicRun.h"
#include "models/systolic/FunctionalGemm.h"

using namespace xpusim::systolic;

TEST_CASE("every dataflow computes the exact int8 GEMM on ragged shapes",
          "[systolic][functional]") {
  xpusim::Random random(7, "functional-test");
  for (const GemmShape shape :
       {GemmShape{13, 7, 10}, GemmShape{1, 9, 33}, GemmShape{4, 4, 4}, GemmShape{17, 1, 5}}) {
    const GemmOperands ops = GemmOperands::random(shape, random);
    const auto want = FunctionalGemm::reference(ops);
    for (Dataflow d :
         {Dataflow::kOutputStationary, Dataflow::kWeightStationary, Dataflow::kInputStationary}) {
      INFO(dataflowName(d) << " " << shape.m << "x" << shape.n << "x" << shape.k);
      CHECK(FunctionalGemm::run(FoldGrid::map(d, shape, 4, 3), ops) == want);
    }
  }
}

TEST_CASE("a mapping mistake is caught", "[systolic][functional]") {
  // Swapping the roles of rows and columns (a wrong grid) must not reproduce the GEMM.
  xpusim::Random random(3, "functional-test");
  const GemmShape shape{6, 5, 7};
  const GemmOperands ops = GemmOperands::random(shape, random);
  FoldGrid wrong = FoldGrid::map(Dataflow::kOutputStationary, GemmShape{5, 6, 7}, 4, 4);
  wrong.sr = 5, wrong.sc = 5;  // drops one output column
  CHECK(FunctionalGemm::run(wrong, ops) != FunctionalGemm::reference(ops));
}

TEST_CASE("functional: true checks every layer of a run", "[systolic][functional]") {
  auto r =
      xpusim::test::runArray("    dataflow: is\n    rows: 4\n    cols: 4\n    functional: true\n",
                             "Layer, M, N, K,\na, 9, 6, 11,\nb, 1, 5, 4,\n");
  CHECK(r->stat("functional_layers") == 2);
  CHECK(r->stat("functional_mismatches") == 0);
}
