// DRAM model throughput: 64k-request stream and random traces (shared/reference/data/dram)
// replayed on DDR4-3200 (one channel, 2 ranks) and on one HBM2 pseudo-channel. Prints simulated
// cycles, achieved GB/s and requests simulated per wall-clock second (and per CPU second: the
// machine may be shared). Usage: bench_dram [--json] [--traces DIR]
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/ConfigLoader.h"
#include "sim/core/Simulation.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Case {
  std::string name;
  std::string preset;
  std::string trace;
  std::string deviceOverrides;  // YAML lines under the dram component
};

struct Result {
  std::string name;
  double requests = 0;
  double cycles = 0;
  double gbps = 0;
  double wallSeconds = 0;
  double cpuSeconds = 0;
};

Result run(const Case& c, const std::filesystem::path& traces) {
  const std::filesystem::path presets = std::filesystem::path(XPUSIM_SOURCE_DIR) / "configs/memory";
  const std::string yaml = fmt::format(
      "components:\n"
      "  player:\n"
      "    type: trace_player\n"
      "    trace: {}\n"
      "    clock: {}\n"
      "    issue_width: 4\n"
      "    max_outstanding: 64\n"
      "    mem: dram\n"
      "  dram:\n"
      "    extends: {}\n{}",
      (traces / (c.trace + ".dramsim3.trace")).string(), c.preset == "ddr4_3200" ? "625ps" : "1ns",
      (presets / "dram" / (c.preset + ".yaml")).string(), c.deviceOverrides);
  xpusim::Simulation sim(xpusim::ConfigLoader::loadText(yaml, c.name, presets));
  const std::clock_t cpu0 = std::clock();
  const auto t0 = Clock::now();
  const xpusim::RunResult result = sim.run();
  Result r;
  r.wallSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  r.cpuSeconds = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  if (!result.drained) throw std::runtime_error(c.name + ": did not drain");
  r.name = c.name;
  r.requests = sim.stats().value("system.dram.requests");
  r.cycles = sim.stats().value("system.dram.cycles");
  r.gbps = sim.stats().value("system.dram.bandwidth_GBps");
  return r;
}

}  // namespace

int main(int argc, char* argv[]) {
  bool json = false;
  std::filesystem::path traces =
      std::filesystem::path(XPUSIM_SOURCE_DIR) / "../shared/reference/data/dram";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (arg == "--traces" && i + 1 < argc) {
      traces = argv[++i];
    } else {
      fmt::print(stderr, "usage: bench_dram [--json] [--traces DIR]\n");
      return 2;
    }
  }
  const std::string onePch = "    channels: 1\n    pseudo_channels: 1\n";
  const std::vector<Case> cases = {
      {"ddr4_3200_stream", "ddr4_3200", "stream_rd_64k", ""},
      {"ddr4_3200_random", "ddr4_3200", "random_rd_64k", ""},
      {"hbm2_1pch_stream", "hbm2", "stream_rd_64k", onePch},
      {"hbm2_1pch_random", "hbm2", "random_rd_64k", onePch},
  };
  try {
    for (const Case& c : cases) {
      const Result r = run(c, traces);
      const double wallRate = r.requests / r.wallSeconds;
      const double cpuRate = r.requests / r.cpuSeconds;
      if (json)
        fmt::print(
            "{{\"case\":\"{}\",\"requests\":{:.0f},\"cycles\":{:.0f},\"GBps\":{:.3f},"
            "\"wall_s\":{:.4f},\"requests_per_wall_s\":{:.0f},\"requests_per_cpu_s\":{:.0f}}}\n",
            r.name, r.requests, r.cycles, r.gbps, r.wallSeconds, wallRate, cpuRate);
      else
        fmt::print(
            "{:<18} {:>6.0f} requests  {:>8.0f} cycles  {:>7.3f} GB/s  {:>6.3f} s  "
            "{:>5.2f} M req/s wall  {:>5.2f} M req/s cpu\n",
            r.name, r.requests, r.cycles, r.gbps, r.wallSeconds, wallRate / 1e6, cpuRate / 1e6);
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_dram: {}\n", e.what());
    return 1;
  }
  return 0;
}
