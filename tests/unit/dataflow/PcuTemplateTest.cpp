// DAM-RS pcu_test through the dataflow model: three 32-element generators a_i = i,
// b_i = 32 + i, c_i = 64 + i into a 3-stage (a * b) + c pipeline, FIFOs of capacity 8.
#include <catch2/catch.hpp>

#include "DataflowRun.h"
#include "models/dataflow/units/SinkUnit.h"

using namespace xpusim;
using namespace xpusim::test;

TEST_CASE("PCU template: outputs i*(32+i)+(64+i), each at ingress + 3, II = 1") {
  auto run = runWorkload("plasticine", "pcu_test", "    config_load: 0ns\n");
  const auto& g = rduOf(*run).graph(0);
  const auto* check = g.sink("check");
  REQUIRE(check->values().size() == 32);
  for (std::size_t i = 0; i < 32; ++i) {
    INFO("i = " << i);
    CHECK(check->values()[i] == static_cast<double>(i * (32 + i) + (64 + i)));
    // Generators send token i at cycle i; it reaches the PCU at i + 1 (L = 1), leaves it at
    // ingress + 3 = i + 4 and reaches the checker at i + 5 (L = 1).
    CHECK((check->arrivals()[i] - g.startTick()) / 1000 == i + 5);
  }
  CHECK(run->stat("system.rdu.pcu_test.units.fma.busy_cycles") >= 32);
  CHECK(run->stat("system.rdu.pcu_test.cycles") == 36);  // last arrival at 31 + 5
  CHECK(run->stat("system.rdu.flops") == 64);            // 32 fma x 2 FLOP
}
