// PIM devices end to end: published peaks from the presets, the kernel on the event queue,
// functional kernels against their references, the HBM2-PIM GEMV speed-up band, AiM closed
// forms, refresh during long all-bank sequences and the per-unit Perfetto tracks.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "PimFixture.h"

using namespace xpusim;
using test::gemvKernel;
using test::runPim;

namespace {
double stat(const test::Run& r, const std::string& name) {
  return r.stat("system.pim." + name);
}
}  // namespace

TEST_CASE("Presets reproduce the published peaks", "[pim][peak]") {
  SECTION("HBM-PIM: about 1.2 TFLOPS per stack") {
    // 16 pseudo-channels x 8 PCUs x 16 lanes x 2 FLOP / 3.333 ns = 1.2289 TFLOPS.
    auto r = runPim("hbm2_pim", gemvKernel(16, 16));
    CHECK(stat(*r, "peak_flops_per_s") == Approx(128 * 16 * 2 / 3.333e-9));
    CHECK(stat(*r, "peak_flops_per_s") == Approx(1.2e12).epsilon(0.03));
    // Internal: 8 PCUs x 32 B per tCCD_L (4 ns) = 64 B/ns per pseudo-channel, 4x the
    // external 16 B/ns (dram_pim.md 6.1); 16 pseudo-channels = 1024 GB/s.
    CHECK(stat(*r, "internal_bandwidth_GBps") == Approx(1024));
  }
  SECTION("AiM: about 1 TFLOPS per chip, 512 GB/s internal per channel") {
    // A GDDR6-AiM chip is 2 channels x 16 banks, one unit per bank (dram_pim.md 6.2):
    // 32 units x 16 lanes x 2 FLOP x 1 GHz = 1.024 TFLOPS per chip.
    auto r = runPim("gddr6_aim", gemvKernel(16, 16));
    CHECK(stat(*r, "peak_flops_per_s") == Approx(1.024e12));
    // A MAC16 reads one 32 B column per bank every tCCD_MAC = 2 x 0.5 ns = 1 ns, which is also
    // what a 1 GHz unit of 16 FP16 lanes consumes (1 FLOP per byte): 16 banks x 32 B / 1 ns =
    // 512 GB/s per channel. The published "512 GB/s" is this per-channel figure: a chip has two
    // channels, 1024 GB/s, and 1.024 TFLOPS at 1 FLOP/B needs 1.024 TB/s. Per chip the
    // internal bandwidth is 16x the external 2 channels x 32 B per nBL (1 ns) = 64 GB/s, the
    // "16 times" of the ISSCC'22 announcement.
    CHECK(stat(*r, "internal_bandwidth_per_channel_GBps") == Approx(512));
    CHECK(stat(*r, "internal_bandwidth_GBps") == Approx(1024));
    const DramSpec& d = test::device(*r).dram();
    const double externalPerChip = d.peakBytesPerSecond() * 1e-9 / d.org.channels * 2;
    CHECK(externalPerChip == Approx(64));
    CHECK(stat(*r, "internal_bandwidth_GBps") / externalPerChip == Approx(16));
  }
}

TEST_CASE("The kernel runs on the event queue: simulated time is pim_cycles x tCK",
          "[pim][engine]") {
  for (const char* dev : {"hbm2_pim", "gddr6_aim", "hbm3_logic_die_pim"}) {
    INFO(dev);
    auto r = runPim(dev, gemvKernel(1024, 1024), "    functional: false\n");
    const Tick tCK = test::device(*r).dram().timing.tCK;
    CHECK(r->result.drained);
    CHECK(stat(*r, "pim_cycles") > 0);
    // The last event is the cycle the kernel's last data moved.
    CHECK(r->result.endTick == static_cast<Tick>(stat(*r, "pim_cycles")) * tCK);
    // Deterministic: a second run gives the same statistics.
    auto again = runPim(dev, gemvKernel(1024, 1024), "    functional: false\n");
    CHECK(again->json() == r->json());
  }
}

TEST_CASE("GEMV values match the reference", "[pim][functional]") {
  for (const char* dev : {"hbm2_pim", "gddr6_aim", "hbm3_logic_die_pim"}) {
    INFO(dev);
    auto fp16 = runPim(dev, gemvKernel(512, 1024));
    CHECK(stat(*fp16, "functional_check") == 1);
    CHECK(stat(*fp16, "checked_values") == 512);
    CHECK(stat(*fp16, "max_error_share") <= 1);
    CHECK(stat(*fp16, "macs") == 512 * 1024);
    auto int8 = runPim(dev, gemvKernel(256, 512, "int8"));
    CHECK(stat(*int8, "functional_check") == 1);
    CHECK(stat(*int8, "max_abs_error") == 0);  // int32 accumulation is exact
  }
}

TEST_CASE("Element-wise kernels match the reference", "[pim][functional]") {
  for (const char* op : {"add", "mul", "relu"}) {
    INFO(op);
    auto r = runPim("gddr6_aim",
                    std::string("kernel: eltwise\nop: ") + op + "\nelements: 65536\ndtype: fp16\n");
    CHECK(stat(*r, "functional_check") == 1);
    CHECK(stat(*r, "checked_values") == 65536);
    CHECK(stat(*r, "pim_cycles") > 0);
  }
}

TEST_CASE("HBM2-PIM 4096x4096 FP16 GEMV speed-up lies in its closed-form band", "[pim][gemv]") {
  auto r = runPim("hbm2_pim", gemvKernel(4096, 4096), "    functional: false\n");
  // Host floor: 32 MiB over 16 pseudo-channels at 32 B per nBL = 2 cycles: 131072 cycles;
  // host ceiling: that with refresh (1 / (1 - tRFC / tREFI) = 3900 / 3550) at >= 75 % bus
  // efficiency.
  const double hostFloor = 131072, refresh = 3900.0 / 3550.0;
  const double hostCeiling = hostFloor * refresh / 0.75;
  // PIM floor: 8192 all-bank MACs per pseudo-channel x tCCD_MAC 4 = 32768 (4x below the host
  // floor). PIM ceiling: + 128 vector tiles x (7 x tCCD_GB + CWL + nBL = 35) + 256 DRAM rows x
  // (tRTP_MAC + tRP + tRCD_MAC = 33) + 4 blocks x 64 RDMAC x nBL, with refresh.
  const double pimFloor = 32768;
  const double pimCeiling = (32768 + 128 * 35 + 256 * 33 + 4 * 64 * 2) * refresh;
  const double pim = stat(*r, "pim_cycles"), host = stat(*r, "host_cycles");
  CHECK(pim >= pimFloor);
  CHECK(pim <= pimCeiling);
  CHECK(host >= hostFloor);
  CHECK(host <= hostCeiling);
  CHECK(stat(*r, "speedup") >= hostFloor / pimCeiling);  // 2.58
  CHECK(stat(*r, "speedup") <= hostCeiling / pimFloor);  // 5.86
  CHECK(stat(*r, "mac_commands") == 16 * 8192);
  CHECK(stat(*r, "macs") == 4096.0 * 4096);
  CHECK(stat(*r, "unit_busy_share_max") <= 1);
}

TEST_CASE("AiM all-bank MAC row period is the closed form", "[pim][aim]") {
  // ACT16 -> ACT16 = nRCDRDMAC + (N - 1) x nCCD + nRTP + nRP = 56 + 63 x 2 + 12 + 32 = 226
  // for N = 64 columns (dram_pim.md 6.2): one more row of MAC_ABK 64 adds exactly 226 cycles.
  auto traceOf = [](int rows) {
    std::string t = "AiM WR_GB 64 0x1\n";
    for (int r = 0; r < rows; ++r) t += "AiM MAC_ABK 64 0x1 " + std::to_string(r) + "\n";
    return t;
  };
  const std::string kernel = "kernel: aim_trace\ntrace: k.trace\n";
  auto one = runPim("gddr6_aim", kernel, "    refresh: off\n", {{"k.trace", traceOf(1)}});
  auto two = runPim("gddr6_aim", kernel, "    refresh: off\n", {{"k.trace", traceOf(2)}});
  CHECK(stat(*two, "pim_cycles") - stat(*one, "pim_cycles") == 226);
  CHECK(stat(*two, "mac_commands") == 128);
  CHECK(stat(*two, "functional_check") == -1);  // a trace carries no data
}

TEST_CASE("Malformed AiM traces name file, line and column", "[pim][aim]") {
  const std::string kernel = "kernel: aim_trace\ntrace: bad.trace\n";
  auto fails = [&](const std::string& trace, const std::string& where) {
    try {
      runPim("gddr6_aim", kernel, "", {{"bad.trace", trace}});
      FAIL("no error for " << trace);
    } catch (const InputError& e) {
      INFO(e.what());
      CHECK(std::string(e.what()).find(where) != std::string::npos);
    }
  };
  fails("AiM WR_GB 64 0x1\nAiM MAC_ABK 64 0x1 zz\n", "bad.trace:2:20");
  fails("AiM FOO 1 1\n", "bad.trace:1:5");
  fails("XiM MAC_ABK 1 1 1\n", "bad.trace:1:1");
  fails("AiM MAC_ABK 64 0x1\n", "bad.trace:1:19");  // <row> missing at the end of the line
}

TEST_CASE("Refresh interrupts a long all-bank sequence", "[pim][refresh]") {
  auto off =
      runPim("hbm2_pim", gemvKernel(4096, 4096), "    functional: false\n    refresh: off\n");
  auto on = runPim("hbm2_pim", gemvKernel(4096, 4096), "    functional: false\n");
  const double tREFI = 3900, tRFC = 350, ranks = 16;
  // Every pseudo-channel refreshes at least once per tREFI of the refresh-free run time, and
  // each refresh closes the open PIM row (PREA, REF, ACTab again) and stalls the rank tRFC.
  const double perRank = std::floor(stat(*off, "pim_cycles") / tREFI);
  CHECK(stat(*off, "refreshes") == 0);
  CHECK(stat(*on, "refreshes") >= ranks * perRank);
  CHECK(stat(*on, "row_switches") > stat(*off, "row_switches"));
  CHECK(stat(*on, "pim_cycles") - stat(*off, "pim_cycles") >= perRank * tRFC);
  CHECK(stat(*on, "mac_commands") == stat(*off, "mac_commands"));
}

TEST_CASE("A GPT decode step runs its GEMVs", "[pim][decode]") {
  // A small shape: hidden 256, 4 heads (64 each), FFN 1024, 2 layers; 128 tokens of context.
  const std::string model = "name: tiny\nlayers: 2\nhidden: 256\nffn: 1024\nheads: 4\n";
  auto r = runPim("hbm2_pim", "kernel: gpt_decode\nmodel: tiny.yaml\ncontext: 128\n", "",
                  {{"tiny.yaml", model}});
  // Per layer: QKV 768x256, score 4 x (128x64), context 4 x (64x128), out 256x256,
  // FFN 1024x256 and 256x1024.
  const double perLayer = 768 * 256 + 4 * 128 * 64 + 4 * 64 * 128 + 256 * 256 + 2 * 1024 * 256;
  CHECK(stat(*r, "macs") == 2 * perLayer);
  // Both layers run on the event queue, one after the other.
  CHECK(r->result.endTick ==
        static_cast<Tick>(stat(*r, "pim_cycles")) * test::device(*r).dram().timing.tCK);
  CHECK(stat(*r, "functional_check") == 1);
  CHECK(stat(*r, "speedup") > 1);
}

TEST_CASE("The unit clock paces MACs apart from the DRAM clock", "[pim][timing]") {
  // HBM-PIM PCU at 3333 ps, 16 lanes: an FP16 burst (16 values) takes one unit cycle,
  // ceil(3333 / 1000) = 4 tCK = tCCD_MAC; an INT8 burst (32 values) two: ceil(6666 / 1000) = 7.
  auto r = runPim("hbm2_pim", gemvKernel(16, 16));
  const PimDevice& d = test::device(*r);
  CHECK(d.unit().macSpacing(d.dram(), 2) == 4);
  CHECK(d.unit().macSpacing(d.dram(), 1) == 7);
  // AiM at 1 GHz: one unit cycle = 2 tCK = nCCD.
  auto aim = runPim("gddr6_aim", gemvKernel(16, 16));
  CHECK(test::device(*aim).unit().macSpacing(test::device(*aim).dram(), 2) == 2);
  // The paced INT8 GEMV: 4096 MACs per pseudo-channel x 7 cycles at least.
  auto int8 = runPim("hbm2_pim", gemvKernel(4096, 4096, "int8"), "    functional: false\n");
  CHECK(stat(*int8, "pim_cycles") >= 4096 * 7);
}

TEST_CASE("Perfetto has a track per bank unit with its MAC stretches", "[pim][trace]") {
  test::ConfigFolder folder;
  folder.write("kernel.yaml", gemvKernel(512, 1024));
  const auto file = folder.dir() / "trace.json";
  {
    Simulation sim(ConfigLoader::loadFile(folder.write(
                       "config.yaml",
                       "extends: " + test::pimPreset("gddr6_aim") + "\nworkload: kernel.yaml\n")),
                   file);
    sim.run();
    sim.timeline()->finish();
  }
  const nlohmann::json trace = nlohmann::json::parse(std::ifstream(file));
  std::set<int> lanes;
  std::uint64_t slices = 0;
  for (const auto& e : trace["traceEvents"]) {
    if (e["ph"] == "M" && e["name"] == "thread_name") lanes.insert(e["tid"].get<int>());
    if (e["ph"] == "X" && e["name"] == "MAC") ++slices;
  }
  // 32 channels x 16 banks, one unit per bank: 512 tracks. 512 rows over 512 units is one row of
  // 1024 FP16 = 64 bursts each, in one DRAM row: one back-to-back stretch per unit.
  CHECK(lanes.size() == 512);
  CHECK(slices == 512);
}
