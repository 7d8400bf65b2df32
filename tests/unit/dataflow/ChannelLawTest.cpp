// The DAM channel law through the dataflow graph path: a stream -> sink edge of capacity C on a
// fabric whose hop latency sets L = R (stream ends are one hop away).
#include <catch2/catch.hpp>

#include "DataflowRun.h"
#include "models/dataflow/units/SinkUnit.h"

using namespace xpusim;
using namespace xpusim::test;

namespace {

/// Arrival cycles of 16 tokens, relative to the graph's start.
std::vector<Cycle> arrivals(int capacity, int latency) {
  const std::string graph = R"(
graphs:
  - name: law
    nodes:
      gen: {kind: stream, tokens: 16}
      out: {kind: sink, record: true}
    edges:
      - {from: gen, to: out, depth: )" +
                            std::to_string(capacity) + "}\n";
  auto run = runGraph("plasticine", graph,
                      "    config_load: 0ns\n    hop_latency: " + std::to_string(latency) + "\n");
  const auto& g = rduOf(*run).graph(0);
  std::vector<Cycle> out;
  for (Tick t : g.sink("out")->arrivals()) out.push_back((t - g.startTick()) / 1000);
  return out;
}

}  // namespace

TEST_CASE("channel law through a graph: first arrival at L, period max(1, (L + R) / C)") {
  struct Case {
    int c, l;
    Cycle period;
  };
  // (C, L = R) -> period: (1, 1) 2; (2, 1) 1; (1, 2) 4; (2, 2) 2; (4, 2) 1; (3, 3) 2.
  for (const Case k :
       {Case{1, 1, 2}, Case{2, 1, 1}, Case{1, 2, 4}, Case{2, 2, 2}, Case{4, 2, 1}, Case{3, 3, 2}}) {
    INFO("C=" << k.c << " L=R=" << k.l);
    const std::vector<Cycle> a = arrivals(k.c, k.l);
    REQUIRE(a.size() == 16);
    CHECK(a[0] == static_cast<Cycle>(k.l));
    // Steady state (arrivals come in bursts of C per (L + R) when C < L + R): twelve arrivals,
    // a multiple of every C here, take twelve periods.
    CHECK(a[15] - a[3] == 12 * k.period);
  }
}

TEST_CASE("channel max occupancy records the deepest the FIFO got") {
  EventQueue q;
  Channel<int> ch(q, "c", 8, 5, 1);
  for (int i = 0; i < 3; ++i) ch.send(i);
  CHECK(ch.occupancy() == 3);
  CHECK(ch.maxOccupancy() == 3);
}
