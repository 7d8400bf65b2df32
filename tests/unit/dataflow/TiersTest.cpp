// Three memory tiers and reconfiguration: the model switch copies bytes DDR -> HBM at the DDR
// bandwidth, and every graph costs one configuration load.
#include <catch2/catch.hpp>

#include "DataflowRun.h"

using namespace xpusim::test;

namespace {
const char* kTwoGraphs = R"(
graphs:
  - name: first
    model_switch: 64MiB
    nodes:
      w: {kind: load, tier: hbm, tokens: 1024}
      buf: {kind: memory}
      out: {kind: store, tier: ddr}
    edges:
      - {from: w, to: buf, type: bf16, width: 32}
      - {from: buf, to: out, type: bf16, width: 32}
  - name: second
    nodes:
      gen: {kind: stream, tokens: 100}
      out: {kind: sink}
    edges:
      - {from: gen, to: out}
)";
}  // namespace

TEST_CASE("model switch time is bytes over the DDR -> HBM bandwidth, reconfiguration per graph") {
  auto run = runGraph("sn40l", kTwoGraphs, "    config_load: 2us\n");
  CHECK(run->stat("system.rdu.graphs") == 2);
  // Two graphs x 2 us at 1.6 GHz.
  CHECK(run->stat("system.rdu.config_load_cycles") == 2 * 3200);
  CHECK(run->stat("system.rdu.model_switch_bytes") == 64.0 * 1024 * 1024);
  // 64 MiB at 100 GB/s = 671.09 us = 1073742 cycles of 625 ps; plus latencies (< 1 %).
  const double ideal = 64.0 * 1024 * 1024 / 100e9 * 1.6e9;
  CHECK(run->stat("system.rdu.model_switch_cycles") >= ideal);
  CHECK(run->stat("system.rdu.model_switch_cycles") < ideal * 1.01);
  CHECK(run->stat("system.rdu.ddr_read_bytes") == 64.0 * 1024 * 1024);
  // HBM: the switch wrote 64 MiB; the graph read 1024 tokens of 64 B and wrote them to DDR.
  CHECK(run->stat("system.rdu.hbm_write_bytes") == 64.0 * 1024 * 1024);
  CHECK(run->stat("system.rdu.hbm_read_bytes") == 1024.0 * 64);
  CHECK(run->stat("system.rdu.ddr_write_bytes") == 1024.0 * 64);
}

TEST_CASE("a graph using a tier the config does not connect is an input error") {
  try {
    runGraph("plasticine", kTwoGraphs);
    FAIL("expected an InputError");
  } catch (const xpusim::InputError& e) {
    CHECK(std::string(e.what()).find("port 'ddr' is not connected") != std::string::npos);
  }
}
