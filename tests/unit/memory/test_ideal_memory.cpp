// Ideal memory: completion = max(arrival, data path free) + ceil(bytes / bandwidth) + latency,
// answered on the next clock edge; links take one 1 GHz cycle each way.
#include <catch2/catch.hpp>

#include "RunConfig.h"

using xpusim::test::runConfig;

namespace {
std::string config(const std::string& bandwidth) {
  return "components:\n"
         "  player: {type: trace_player, trace: t.csv, mem: mem}\n"
         "  mem: {type: ideal_memory, latency: 10ns, bandwidth: " +
         bandwidth + "}\n";
}
}  // namespace

TEST_CASE("one read: link + transfer + latency + link", "[ideal_memory]") {
  // Arrives at 1000 ps; 64 B at 16 GB/s = 4000 ps; +10 ns = 15000 ps (an edge); back at 16000.
  auto r = runConfig(config("16GB/s"), {{"t.csv", "cycle,op,addr,bytes\n0,R,0,64\n"}});
  CHECK(r->stat("system.player.read_latency.max") == 16);
  CHECK(r->stat("system.player.finish_ticks") == 16000);
  CHECK(r->stat("system.mem.busy_ticks") == 4000);
}

TEST_CASE("back-to-back reads queue on the data path", "[ideal_memory]") {
  // Second arrives at 2000 but the path is busy until 5000: done at 5000 + 4000 + 10000.
  auto r = runConfig(config("16GB/s"), {{"t.csv", "cycle,op,addr,bytes\n0,R,0,64\n1,W,64,64\n"}});
  CHECK(r->stat("system.player.read_latency.max") == 16);
  CHECK(r->stat("system.player.write_latency.max") == 19);
  CHECK(r->stat("system.player.finish_ticks") == 20000);
  CHECK(r->stat("system.mem.busy_ticks") == 8000);
}

TEST_CASE("transfer time rounds up to whole picoseconds, answers on the next edge",
          "[ideal_memory]") {
  // 64 B at 3 GB/s = 21333.3 -> 21334 ps; done at 1000 + 21334 + 10000 = 32334, answered at
  // the 33000 edge, back at 34000: 34 cycles.
  auto r = runConfig(config("3GB/s"), {{"t.csv", "cycle,op,addr,bytes\n0,R,0,64\n"}});
  CHECK(r->stat("system.mem.busy_ticks") == 21334);
  CHECK(r->stat("system.player.read_latency.max") == 34);
}
