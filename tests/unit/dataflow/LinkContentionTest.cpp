// Link contention: two routes crossing one switch-to-switch link share its width.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "DataflowRun.h"

using namespace xpusim;
using namespace xpusim::test;

namespace {

/// Two chains stream -> pass PCU -> pass PCU -> sink of `n` 16 x f32 vectors (512 bits: one
/// cycle on a 512-bit vector link). Chain A runs (0,0) -> (0,4); chain B runs `b0` -> `b1`.
std::string twoChains(std::uint64_t n, const char* b0, const char* b1) {
  return fmt::format(R"(graphs:
  - name: links
    nodes:
      sa: {{kind: stream, tokens: {0}}}
      a0: {{kind: compute, op: pass, at: [0, 0]}}
      a1: {{kind: compute, op: pass, at: [0, 4]}}
      ka: {{kind: sink}}
      sb: {{kind: stream, tokens: {0}}}
      b0: {{kind: compute, op: pass, at: {1}}}
      b1: {{kind: compute, op: pass, at: {2}}}
      kb: {{kind: sink}}
    edges:
      - {{from: sa, to: a0, width: 16}}
      - {{from: a0, to: a1, width: 16}}
      - {{from: a1, to: ka, width: 16}}
      - {{from: sb, to: b0, width: 16}}
      - {{from: b0, to: b1, width: 16}}
      - {{from: b1, to: kb, width: 16}}
)",
                     n, b0, b1);
}

double cycles(const std::string& graph) {
  return runGraph("plasticine", graph, "    config_load: 0ns\n")->stat("system.rdu.cycles");
}

}  // namespace

TEST_CASE("two streams over one link take the closed-form longer time") {
  for (std::uint64_t n : {16u, 64u, 256u}) {
    INFO("N = " << n);
    // Alone (B in row 2, no shared link): token i leaves its stream at i, reaches the first PCU
    // at i + 1 (one I/O hop), leaves it at i + 2 (one stage), crosses 4 hops to arrive at
    // i + 6, leaves the second PCU at i + 7 and reaches the sink at i + 8: N + 7 cycles.
    CHECK(cycles(twoChains(n, "[2, 2]", "[2, 6]")) == n + 7);
    // B on (0,2) -> (0,6) shares the links (0,2)->(0,3) and (0,3)->(0,4) with A's route. Each
    // needs the link every cycle from cycle 2; the refused one queues for the next cycle, so
    // they alternate: A sends token j at 2 + 2 j, B at 3 + 2 j. B's last token leaves at
    // 2 N + 1 and reaches its sink at 2 N + 1 + 6: 2 N + 7 cycles, N more than alone.
    CHECK(cycles(twoChains(n, "[0, 2]", "[0, 6]")) == 2 * n + 7);
  }
}

TEST_CASE("routes that cross at a switch do not contend") {
  // B on (2,2) -> (0,2) runs up column 2 into switch (0,2), which A's route crosses along row
  // 0: different links. B alone takes N + 5 (2 hops), A N + 7 as alone: the graph N + 7.
  CHECK(cycles(twoChains(64, "[2, 2]", "[0, 2]")) == 64 + 7);
}
