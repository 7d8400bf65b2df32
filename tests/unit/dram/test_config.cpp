// Presets, exact unit conversion, address mapping and statistics names.
#include <catch2/catch.hpp>

#include "DramFixture.h"
#include "models/memory/dram/AddressMapper.h"

using namespace xpusim;
using namespace xpusim::test;

TEST_CASE("every preset loads and converts its timing exactly", "[dram][config]") {
  for (const char* name : {"ddr4_3200", "ddr5_4800", "lpddr5_6400", "hbm2", "hbm2_legacy", "hbm3",
                           "gddr6", "gddr6_aim"}) {
    INFO(name);
    const DramSpec s = loadSpec(name);
    CHECK(s.timing.tRC > 0);
    CHECK(s.timing.tREFI > s.timing.tRFC);
  }
  const DramSpec ddr4 = loadSpec("ddr4_3200");
  CHECK(ddr4.timing.tCK == 625);
  CHECK(ddr4.timing.tREFI == 12480);  // 7.8 us / 625 ps
  CHECK(ddr4.timing.tRFC == 560);     // 350 ns / 625 ps
  CHECK(ddr4.peakBytesPerSecond() == Approx(25.6e9));
  CHECK(loadSpec("hbm2").peakBytesPerSecond() == Approx(256e9));
  CHECK(loadSpec("hbm3").peakBytesPerSecond() == Approx(819.2e9));
  CHECK(loadSpec("hbm2").timing.tRFCpb == 160);
}

TEST_CASE("a time that is not a whole number of tCK is rejected, not rounded", "[dram][config]") {
  ConfigFolder f;
  const auto file = f.write("c.yaml", "components:\n  dram:\n    extends: " + preset("ddr4_3200") +
                                          "\n    tRFC: 351ns\n");
  const InputError e = buildError(file);
  CHECK_THAT(e.what(), Catch::Contains("tRFC") && Catch::Contains("not a whole number"));
  CHECK(e.where().line == 4);
}

TEST_CASE("an unknown preset key is an error", "[dram][config]") {
  ConfigFolder f;
  const auto file = f.write(
      "c.yaml", "components:\n  dram:\n    extends: " + preset("ddr4_3200") + "\n    REFI: 7800\n");
  CHECK_THAT(buildError(file).what(), Catch::Contains("REFI"));
}

TEST_CASE("the address mapping slices the named fields", "[dram][config]") {
  const DramSpec s = loadSpec("ddr4_3200");
  // RoBaRaCoCh = DRAMsim3 robabgracoch: offset 6, column 7, rank 1, bank group 2, bank 2, row.
  const AddressMapper ram(s.org, "RoBaRaCoCh"), ds3(s.org, "robabgracoch");
  const Addr a = (Addr{12345} << 18) | (2u << 16) | (3u << 14) | (1u << 13) | (77u << 6) | 5;
  for (const AddressMapper* m : {&ram, &ds3}) {
    const DramAddress d = m->map(a);
    CHECK(d.row == 12345);
    CHECK(d.bank == 2);
    CHECK(d.bankGroup == 3);
    CHECK(d.rank == 1);
    CHECK(d.column == 77);
    CHECK(d.channel == 0);
  }
  CHECK_THROWS_WITH(AddressMapper(s.org, "RoBaRaCoXx"), Catch::Contains("unknown field 'Xx'"));
  CHECK_THROWS_WITH(AddressMapper(s.org, "RoBaCoCh"), Catch::Contains("'ra' is missing"));
  CHECK_THROWS_WITH(AddressMapper(s.org, "RoRoBaRaCo"), Catch::Contains("twice"));
}

TEST_CASE("statistics carry the documented names per channel and in total", "[dram][stats]") {
  auto r = runConfig(playerConfig("hbm2", "t.csv", "", "    request_size: 32B\n"),
                     {{"t.csv", "0x0 READ 0\n0x20 READ 0\n0x40 WRITE 0\n"}});
  for (const char* name : {"cycles", "requests", "bandwidth_GBps", "row_hits", "row_misses",
                           "row_conflicts", "read_latency_mean", "read_latency_p99", "act", "pre",
                           "rd", "wr", "ref", "energy_pj", "peak_share"}) {
    INFO(name);
    CHECK(r->sim->stats().has(std::string("system.dram.") + name));
    CHECK(r->sim->stats().has(std::string("system.dram.ch0.") + name));
    CHECK(r->sim->stats().has(std::string("system.dram.ch7.") + name));
  }
  // 32 B requests: one burst each, in channels 0, 1 and 2 (channel bits above the offset).
  CHECK(r->stat("system.dram.requests") == 3);
  CHECK(r->stat("system.dram.rd") == 2);
  CHECK(r->stat("system.dram.wr") == 1);
  CHECK(r->stat("system.dram.ch0.requests") == 1);
  CHECK(r->stat("system.dram.ch2.wr") == 1);
  CHECK(r->stat("system.dram.bytes") == 3 * 32);
}

TEST_CASE("DDR4 energy adds per-command energies and background power", "[dram][stats]") {
  auto r = runConfig(playerConfig("ddr4_3200", "t.csv", "    refresh: off\n"),
                     {{"t.csv", "cycle,op,addr,bytes\n0,R,0,64\n"}});
  // ACT 4200 pJ + RD 2784 pJ + 2 ranks x 499.2 mW x 49 cycles x 0.625 ns.
  const double cycles = r->stat("system.dram.cycles");
  CHECK(cycles == 49);
  CHECK(r->stat("system.dram.energy_pj") == Approx(4200 + 2784 + 2 * 499.2 * 49 * 0.625));
}
