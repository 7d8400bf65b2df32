// PIM benchmark: the 4096 x 4096 FP16 GEMV on every PIM preset (timing only, then with the
// functional check); prints PIM and host cycles, speed-up, simulated time (= PIM cycles x tCK)
// and wall seconds.
// Usage: bench_pim [--json]   (--json: one JSON object per line)
#include <fmt/format.h>

#include <chrono>
#include <string>

#include "sim/config/ConfigLoader.h"
#include "sim/core/Simulation.h"

using namespace xpusim;

int main(int argc, char** argv) {
  const bool json = argc > 1 && std::string(argv[1]) == "--json";
  const std::string kernel = XPUSIM_SOURCE_DIR "/workloads/pim/gemv_4096x4096_fp16.yaml";
  for (const char* device : {"hbm2_pim", "gddr6_aim", "hbm3_logic_die_pim"}) {
    for (const bool functional : {false, true}) {
      ConfigNode config =
          ConfigLoader::loadFile(std::string(XPUSIM_SOURCE_DIR "/configs/pim/") + device + ".yaml");
      ConfigLoader::applyOverride(config, "workload=" + kernel);
      ConfigLoader::applyOverride(config,
                                  std::string("pim.functional=") + (functional ? "true" : "false"));
      const auto start = std::chrono::steady_clock::now();
      Simulation sim(std::move(config));
      const RunResult run = sim.run();
      const double wall =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      auto& s = sim.stats();
      const double pim = s.value("system.pim.pim_cycles"), host = s.value("system.pim.host_cycles");
      const double speedup = s.value("system.pim.speedup");
      if (json)
        fmt::print(
            "{{\"bench\":\"pim_gemv_4096\",\"device\":\"{}\",\"functional\":{},"
            "\"pim_cycles\":{},\"host_cycles\":{},\"speedup\":{:.4f},\"simulated_ps\":{},"
            "\"wall_s\":{:.3f}}}\n",
            device, functional, pim, host, speedup, run.endTick, wall);
      else
        fmt::print(
            "{:<20} functional={:<5} pim {:>8} host {:>8} speed-up {:.3f}x  simulated {} ps  "
            "wall {:.3f} s\n",
            device, functional, pim, host, speedup, run.endTick, wall);
    }
  }
  return 0;
}
