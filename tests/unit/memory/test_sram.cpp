// Banked SRAM scratchpad: latencies and bank conflicts derived by hand from its timing law
// (see SramScratchpad.h). Player and SRAM share a 1 GHz clock; links take 1 cycle each way.
#include <catch2/catch.hpp>

#include "RunConfig.h"

using xpusim::test::runConfig;

namespace {
std::string oneMemory(const std::string& trace, const std::string& sramExtra = "") {
  return "components:\n"
         "  player: {type: trace_player, trace: " +
         trace +
         ", mem: sram}\n"
         "  sram: {type: sram, banks: 8, bank_width: 16B, latency: 2" +
         sramExtra + "}\n";
}
}  // namespace

TEST_CASE("one line: 1 + latency + 1 cycles", "[sram]") {
  auto r = runConfig(oneMemory("t.csv"), {{"t.csv", "cycle,op,addr,bytes\n0,R,32,16\n"}});
  CHECK(r->result.drained);
  CHECK(r->stat("system.player.read_latency.max") == 4);
  CHECK(r->stat("system.player.finish_ticks") == 4000);
  CHECK(r->stat("system.sram.bank_accesses::2") == 1);
  CHECK(r->stat("system.sram.bank_accesses::total") == 1);
}

TEST_CASE("a request wider than the banks takes ceil(lines / banks) cycles", "[sram]") {
  // 256 B = 16 lines over 8 banks: 2 cycles, so 1 + 1 + 2 + 1 = 5.
  auto r = runConfig(oneMemory("t.csv"), {{"t.csv", "cycle,op,addr,bytes\n0,R,0,256\n"}});
  CHECK(r->stat("system.player.read_latency.max") == 5);
  CHECK(r->stat("system.sram.bank_accesses::0") == 2);
  CHECK(r->stat("system.sram.bank_accesses::7") == 2);
  // 24 lines starting at line 4: banks 4..7 get 3 lines, banks 0..3 get 3: ceil(24/8) = 3.
  auto s = runConfig(oneMemory("t.csv"), {{"t.csv", "cycle,op,addr,bytes\n0,W,64,384\n"}});
  CHECK(s->stat("system.player.write_latency.max") == 6);
  CHECK(s->stat("system.sram.bytes_written") == 384);
}

TEST_CASE("a request waits for a bank still busy: one conflict cycle", "[sram]") {
  // A: 256 B at cycle 0 arrives at 1, holds every bank for cycles 1-2, responds at 4 -> 5.
  // B: 16 B to bank 0 sent at cycle 1 arrives at 2, waits one cycle, starts at 3, responds at
  // 5, arrives at 6: latency 5, conflict on bank 0 once.
  auto r = runConfig(oneMemory("t.csv"), {{"t.csv", "cycle,op,addr,bytes\n0,R,0,256\n1,R,0,16\n"}});
  CHECK(r->stat("system.player.read_latency.min") == 5);
  CHECK(r->stat("system.player.read_latency.max") == 5);
  CHECK(r->stat("system.player.finish_ticks") == 6000);
  CHECK(r->stat("system.sram.conflict_cycles") == 1);
  CHECK(r->stat("system.sram.bank_conflicts::0") == 1);
  CHECK(r->stat("system.sram.bank_conflicts::1") == 0);
  CHECK(r->stat("system.sram.bank_accesses::0") == 3);
}

TEST_CASE("two ports hitting one bank in the same cycle", "[sram]") {
  // Both arrive at cycle 1; port 0 has priority in the SRAM's first cycle and responds at 3
  // (latency 4), port 1 waits one cycle (latency 5).
  const std::string yaml =
      "components:\n"
      "  p0: {type: trace_player, trace: t.csv, mem: sram.port0}\n"
      "  p1: {type: trace_player, trace: t.csv, mem: sram.port1}\n"
      "  sram: {type: sram, banks: 8, bank_width: 16B, latency: 2, ports: 2}\n";
  auto r = runConfig(yaml, {{"t.csv", "cycle,op,addr,bytes\n0,R,0,16\n"}});
  CHECK(r->stat("system.p0.read_latency.max") == 4);
  CHECK(r->stat("system.p1.read_latency.max") == 5);
  CHECK(r->stat("system.sram.conflict_cycles") == 1);
  CHECK(r->stat("system.sram.reads") == 2);
}

TEST_CASE("different banks in the same cycle do not conflict", "[sram]") {
  const std::string yaml =
      "components:\n"
      "  p0: {type: trace_player, trace: a.csv, mem: sram.port0}\n"
      "  p1: {type: trace_player, trace: b.csv, mem: sram.port1}\n"
      "  sram: {type: sram, banks: 8, bank_width: 16B, latency: 2, ports: 2}\n";
  auto r = runConfig(yaml, {{"a.csv", "cycle,op,addr,bytes\n0,R,0,16\n"},
                            {"b.csv", "cycle,op,addr,bytes\n0,R,16,16\n"}});
  CHECK(r->stat("system.p0.read_latency.max") == 4);
  CHECK(r->stat("system.p1.read_latency.max") == 4);
  CHECK(r->stat("system.sram.conflict_cycles") == 0);
}

TEST_CASE("a stream of one-line reads runs at one per cycle", "[sram]") {
  std::string trace = "cycle,op,addr,bytes\n";
  for (int i = 0; i < 100; ++i)
    trace += std::to_string(i) + ",R," + std::to_string(16 * i) + ",16\n";
  auto r = runConfig(oneMemory("t.csv"), {{"t.csv", trace}});
  CHECK(r->stat("system.player.read_latency.max") == 4);
  CHECK(r->stat("system.player.stall_cycles") == 0);
  CHECK(r->stat("system.player.finish_ticks") == (99 + 4) * 1000);
}

TEST_CASE("an access outside the scratchpad fails the run", "[sram]") {
  CHECK_THROWS_WITH(
      runConfig(oneMemory("t.csv"), {{"t.csv", "cycle,op,addr,bytes\n0,R,65535,2\n"}}),
      Catch::Contains("outside the 65536 bytes"));
}
