// The trace player's issue rules against an ideal memory with hand-derived timing.
#include <catch2/catch.hpp>

#include "../memory/RunConfig.h"

using xpusim::test::runConfig;

namespace {
// 64 B at 64 GB/s = 1 ns transfer; 5 ns latency: one read takes 1 + 1 + 5 + 1 = 8 cycles.
std::string config(const std::string& player) {
  return "components:\n"
         "  player: {type: trace_player, trace: t.csv, mem: mem" +
         player +
         "}\n"
         "  mem: {type: ideal_memory, latency: 5ns, bandwidth: 64GB/s}\n";
}
}  // namespace

TEST_CASE("records wait for their cycle stamp and the player sleeps in between", "[player]") {
  auto r = runConfig(config(""), {{"t.csv", "cycle,op,addr,bytes\n1000,R,0,64\n"}});
  CHECK(r->stat("system.player.read_latency.max") == 8);
  CHECK(r->stat("system.player.finish_ticks") == 1'008'000);
  CHECK(r->result.events < 20);  // no per-cycle ticking through the gap
}

TEST_CASE("max_outstanding limits requests in flight and counts the stall", "[player]") {
  // One in flight at a time: each read issues when the previous returns, 8 cycles apart. With
  // one issue per cycle the 2nd is first tried at cycle 1 and waits until 8, the 3rd from 9
  // until 16: 7 + 7 stall cycles.
  auto r = runConfig(config(", max_outstanding: 1"),
                     {{"t.csv", "cycle,op,addr,bytes\n0,R,0,64\n0,R,64,64\n0,R,128,64\n"}});
  CHECK(r->stat("system.player.finish_ticks") == 24'000);
  CHECK(r->stat("system.player.stall_cycles") == 14);
  // One in flight over [0, 24000); the run ends at 25000, when the memory's last response
  // credit returns: the time average is over the whole run.
  CHECK(r->result.endTick == 25'000);
  CHECK(r->stat("system.player.outstanding") == 24'000 / 25'000.0);
  CHECK(r->stat("system.player.read_latency.max") == 8);
}

TEST_CASE("issue_width sends several requests per cycle", "[player]") {
  // Two reads at cycle 0 arrive together; the second waits 1 ns for the data path.
  auto r = runConfig(config(", issue_width: 2"),
                     {{"t.csv", "cycle,op,addr,bytes\n0,R,0,64\n0,R,64,64\n"}});
  CHECK(r->stat("system.player.read_latency.min") == 8);
  CHECK(r->stat("system.player.read_latency.max") == 9);
  CHECK(r->stat("system.player.finish_ticks") == 9000);
  // Two in flight for 8000 ps, one for 1000 ps, over a run ending at 10000 ps.
  CHECK(r->stat("system.player.outstanding") == Approx((2 * 8000 + 1000) / 10000.0));
}

TEST_CASE("stop_at ends the run early with work left", "[player]") {
  const std::string yaml = "stop_at: 3ns\n" + config("");
  auto r = runConfig(yaml, {{"t.csv", "cycle,op,addr,bytes\n0,R,0,64\n"}});
  CHECK_FALSE(r->result.drained);
  CHECK(r->result.endTick == 3000);
  CHECK(r->stat("system.player.requests") == 0);
}
