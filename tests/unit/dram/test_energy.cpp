// Energy of every preset: one read to a closed bank (refresh off) costs exactly one ACT, one RD
// and the background power of the channel's ranks over the run.
#include <catch2/catch.hpp>

#include "DramFixture.h"

using namespace xpusim;
using namespace xpusim::test;

namespace {

struct EnergyCase {
  const char* preset;
  int burstBytes;      // one request = one burst, in channel 0
  double cycles;       // tRCD + CL + nBL + 1 (the request is taken the cycle after it arrives)
  double actPj, rdPj;  // the preset's energy_act and energy_rd
  double rankMw;       // background_power x ranks per channel (pseudo-channels x ranks)
  double tCKns;
};

// Values from the presets' energy derivations (configs/memory/dram/<preset>.yaml).
const EnergyCase kCases[] = {
    // DDR5-4800: tRCD 34 + CL 34 + nBL 8 + 1; 1 rank of 4 x8 devices, 264 mW.
    {"ddr5_4800", 64, 34 + 34 + 8 + 1, 4685.824, 2489.344, 264, 0.416},
    // LPDDR5-6400: tRCD 15 + CL 17 + nBL 2 + 1; one x16 channel, 29.4 mW.
    {"lpddr5_6400", 32, 15 + 17 + 2 + 1, 1893.938, 451.5, 29.4, 1.25},
    // HBM2 pseudo-channel mode: tRCD 14 + CL 14 + nBL 2 + 1; 2 pseudo-channels x 33 mW.
    {"hbm2", 32, 14 + 14 + 2 + 1, 414, 402, 2 * 33, 1.0},
    // HBM3: tRCD 31 + CL 20 + nBL 2 + 1; 2 pseudo-channels x 30.25 mW.
    {"hbm3", 32, 31 + 20 + 2 + 1, 386.719, 230.312, 2 * 30.25, 0.625},
    // GDDR6: tRCD 27 + CL 24 + nBL 2 + 1; one 16-bit channel, 162 mW.
    {"gddr6", 32, 27 + 24 + 2 + 1, 3031.83, 738.72, 162, 0.570},
    // GDDR6-AiM: tRCD 36 + CL 50 + nBL 2 + 1; one 16-bit channel, 162 mW.
    {"gddr6_aim", 32, 36 + 50 + 2 + 1, 3111.75, 648, 162, 0.5},
};

}  // namespace

TEST_CASE("every preset has per-command energies: one read costs ACT + RD + background",
          "[dram][stats][energy]") {
  for (const EnergyCase& c : kCases) {
    INFO(c.preset);
    auto r =
        runConfig(playerConfig(c.preset, "t.csv", "    refresh: off\n"),
                  {{"t.csv", "cycle,op,addr,bytes\n0,R,0," + std::to_string(c.burstBytes) + "\n"}});
    CHECK(r->stat("system.dram.act") == 1);
    CHECK(r->stat("system.dram.rd") == 1);
    CHECK(r->stat("system.dram.cycles") == c.cycles);
    // mW x ns = pJ.
    CHECK(r->stat("system.dram.energy_pj") ==
          Approx(c.actPj + c.rdPj + c.rankMw * c.cycles * c.tCKns).epsilon(1e-12));
  }
}

TEST_CASE("per-bank refresh energy is the all-bank energy over the banks of a rank",
          "[dram][stats][energy]") {
  for (const char* name : {"lpddr5_6400", "hbm2", "gddr6", "gddr6_aim"}) {
    INFO(name);
    const DramSpec s = loadSpec(name);
    CHECK(s.energy.refpb > 0);
    CHECK(s.energy.refpb == Approx(s.energy.ref / s.org.banksPerRank()).epsilon(1e-4));
  }
}
