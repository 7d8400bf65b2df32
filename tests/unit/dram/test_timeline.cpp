// Under --trace every DRAM command is a one-tCK slice on its bank's (or rank's) Perfetto lane.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "DramFixture.h"

using namespace xpusim;
using namespace xpusim::test;

TEST_CASE("commands appear as slices on per-bank and per-rank timeline lanes", "[dram][timeline]") {
  // DDR4-3200, tREFI 12480: a read at 0 (ACT, RD on rank 0 bank 0) and one at 13000 after rank
  // 0's refresh (PREA and REF on the rank lane at 12480 and 12502), then ACT, RD again.
  ConfigFolder folder;
  folder.write("t.csv", "cycle,op,addr,bytes\n0,R,0,64\n13000,R,64,64\n");
  const auto config = folder.write("c.yaml", playerConfig("ddr4_3200", "t.csv"));
  const auto file = folder.dir() / "timeline.json";
  {
    Simulation sim(ConfigLoader::loadFile(config), file);
    REQUIRE(sim.run().drained);
    sim.timeline()->finish();
  }
  std::ifstream in(file);
  const auto json = nlohmann::json::parse(in);
  std::map<std::uint64_t, std::string> lanes;  // tid -> lane name, pid of the channel only
  std::int64_t pid = -1;
  for (const auto& e : json["traceEvents"])
    if (e["ph"] == "M" && e["name"] == "process_name" && e["args"]["name"] == "system.dram.ch0")
      pid = e["pid"];
  REQUIRE(pid >= 0);
  for (const auto& e : json["traceEvents"])
    if (e["ph"] == "M" && e["name"] == "thread_name" && e["pid"] == pid)
      lanes[e["tid"]] = e["args"]["name"];
  std::vector<std::string> slices;  // "lane command start_ps duration_ps"
  for (const auto& e : json["traceEvents"])
    if (e["ph"] == "X" && e["pid"] == pid)
      slices.push_back(lanes[e["tid"]] + " " + e["name"].get<std::string>() + " " +
                       std::to_string(std::llround(e["ts"].get<double>() * 1e6)) + " " +
                       std::to_string(std::llround(e["dur"].get<double>() * 1e6)));
  REQUIRE(slices.size() == 6);
  // tCK 625 ps: ACT at cycle 1 (the request reaches the controller one cycle after it is
  // sent), RD at 1 + tRCD 22; PREA at 12480, REF at 12480 + tRP 22.
  CHECK(slices[0] == "pc0.r0.bg0.b0 ACT 625 625");
  CHECK(slices[1] == "pc0.r0.bg0.b0 RD 14375 625");
  CHECK(slices[2] == "pc0.r0 PREA 7800000 625");
  CHECK(slices[3] == "pc0.r0 REF 7813750 625");
  CHECK(slices[4].rfind("pc0.r0.bg0.b0 ACT ", 0) == 0);
  CHECK(slices[5].rfind("pc0.r0.bg0.b0 RD ", 0) == 0);
}
