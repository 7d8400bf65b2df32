// Systolic-array model speed: whole ResNet-50 runs (54 layers, batch 1) on a 32x32 and a
// 128x128 array, for each dataflow and both timing modes, with an ideal memory; then the same
// network repeated 1, 2, 4 and 8 times to show that the cost grows linearly with the layers.
// Each case builds the simulation from its config (topology read included) and runs it, five
// times; it reports simulated cycles, the median wall seconds and the process's peak resident
// memory so far. The `_mem` cases put a 16 GB/s ideal memory behind the scratchpads (64 B
// requests, event-driven prefetch and stalls).
// Usage: bench_systolic [--json]
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/ConfigLoader.h"
#include "sim/core/Simulation.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

struct Result {
  std::string name;
  std::uint64_t layers = 0;
  std::uint64_t cycles = 0;
  double seconds = 0;
  double peakMiB = 0;
};

double peakResidentMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

Result run(const std::string& name, const fs::path& topology, int size, const char* dataflow,
           const char* timing, bool memory = false) {
  const std::string yaml = fmt::format(
      "components:\n  array:\n    type: systolic_array\n    rows: {0}\n    cols: {0}\n"
      "    dataflow: {1}\n    timing: {2}\n    ifmap_sram: 64KiB\n    filter_sram: 64KiB\n"
      "    ofmap_sram: 64KiB\n    topology: {3}\n{4}",
      size, dataflow, timing, topology.string(),
      memory ? "    mem: memory\n  memory: {type: ideal_memory, bandwidth: 16GB/s, "
               "queue_depth: 64}\n"
             : "");
  std::vector<double> walls;
  std::unique_ptr<xpusim::Simulation> kept;
  for (int i = 0; i < 5; ++i) {
    const auto started = Clock::now();
    auto sim = std::make_unique<xpusim::Simulation>(xpusim::ConfigLoader::loadText(yaml, name));
    sim->run();
    walls.push_back(std::chrono::duration<double>(Clock::now() - started).count());
    kept = std::move(sim);
  }
  std::sort(walls.begin(), walls.end());
  xpusim::Simulation& sim = *kept;
  Result r;
  r.seconds = walls[walls.size() / 2];
  r.name = name;
  auto& stats = sim.stats();
  r.layers = static_cast<std::uint64_t>(stats.value("system.array.layers"));
  r.cycles = static_cast<std::uint64_t>(stats.value("system.array.total_cycles"));
  r.peakMiB = peakResidentMiB();
  return r;
}

/// The topology repeated `times` times (one header).
fs::path repeated(const fs::path& topology, int times) {
  std::ifstream in(topology);
  std::string header, line;
  std::getline(in, header);
  std::stringstream body;
  while (std::getline(in, line)) body << line << "\n";
  const fs::path out = fs::temp_directory_path() / fmt::format("bench_systolic_x{}.csv", times);
  std::ofstream o(out);
  o << header << "\n";
  for (int i = 0; i < times; ++i) o << body.str();
  return out;
}

void print(const Result& r, bool json) {
  if (json)
    std::cout << fmt::format(
        R"({{"bench":"systolic","case":"{}","layers":{},"simulated_cycles":{},"wall_seconds":{:.6f},"peak_rss_mib":{:.1f}}})"
        "\n",
        r.name, r.layers, r.cycles, r.seconds, r.peakMiB);
  else
    std::cout << fmt::format("{:<34} {:>6} layers {:>12} cycles {:>9.4f} s {:>7.1f} MiB peak\n",
                             r.name, r.layers, r.cycles, r.seconds, r.peakMiB);
}

}  // namespace

int main(int argc, char** argv) {
  const bool json = argc > 1 && std::string_view(argv[1]) == "--json";
  const fs::path resnet = fs::path(XPUSIM_SOURCE_DIR) / "workloads/systolic/resnet50.csv";
  for (int size : {32, 128})
    for (const char* df : {"os", "ws", "is"})
      for (const char* timing : {"scalesim", "physical"})
        print(run(fmt::format("resnet50_{}x{}_{}_{}", size, size, df, timing), resnet, size, df,
                  timing),
              json);
  for (int size : {32, 128})
    for (const char* df : {"os", "ws", "is"})
      print(run(fmt::format("resnet50_{}x{}_{}_physical_mem", size, size, df), resnet, size, df,
                "physical", true),
            json);
  for (int times : {1, 2, 4, 8}) {
    const fs::path topo = repeated(resnet, times);
    print(run(fmt::format("resnet50_x{}_32x32_os_physical", times), topo, 32, "os", "physical"),
          json);
    fs::remove(topo);
  }
  return 0;
}
