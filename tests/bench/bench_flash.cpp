// Flash benchmark:
//  - 100,000 random 16 KiB reads (all at t = 0, queue depth 64) on the Cambricon-LLM L device;
//  - one OPT-6.7B W8A8 decode token on Cambricon-LLM S (in-flash compute + NPU + LPDDR).
// Prints simulated time, wall seconds, requests (or flash page ops) per wall second.
// Usage: bench_flash [--json]   (--json: one JSON object per line)
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "sim/config/ConfigLoader.h"
#include "sim/core/Simulation.h"

using namespace xpusim;

namespace {

struct Result {
  double simulatedSeconds = 0, wallSeconds = 0, perWallSecond = 0, figure = 0;
};

Result run(const std::string& preset, const std::string& workload, const std::string& countStat,
           const std::string& figureStat) {
  ConfigNode config = ConfigLoader::loadFile(XPUSIM_SOURCE_DIR "/configs/flash/" + preset);
  ConfigLoader::applyOverride(config, "workload=" + workload);
  const auto start = std::chrono::steady_clock::now();
  Simulation sim(std::move(config));
  sim.run();
  Result r;
  r.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.simulatedSeconds = static_cast<double>(sim.now()) / kSecond;
  r.perWallSecond = sim.stats().value(countStat) / r.wallSeconds;
  r.figure = sim.stats().value(figureStat);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json") {
      json = true;
    } else {
      fmt::print(stderr, "usage: bench_flash [--json]\n");
      return 2;
    }
  }
  const auto dir =
      std::filesystem::temp_directory_path() / ("xpusim-bench-flash-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto trace = dir / "random_16k.trace";
  {
    std::ofstream out(trace);
    std::mt19937_64 rng(1);
    for (int i = 0; i < 100000; ++i) out << "0 0 " << (rng() % (1u << 26)) * 32 << " 32 1\n";
  }
  const Result reads =
      run("cambricon_llm_l.yaml", trace.string(), "system.flash.reads", "system.flash.iops");
  const Result decode =
      run("cambricon_llm_s.yaml", XPUSIM_SOURCE_DIR "/workloads/llm/opt-6.7b.yaml",
          "system.flash.flash_pages", "system.flash.tokens_per_s");
  std::filesystem::remove_all(dir);
  if (json) {
    fmt::print(
        "{{\"bench\":\"flash_random_reads_L\",\"requests\":100000,\"simulated_s\":{:.9g},"
        "\"wall_s\":{:.4g},\"requests_per_wall_s\":{:.4g},\"iops\":{:.6g}}}\n",
        reads.simulatedSeconds, reads.wallSeconds, reads.perWallSecond, reads.figure);
    fmt::print(
        "{{\"bench\":\"flash_opt6.7b_decode_S\",\"tokens\":1,\"simulated_s\":{:.9g},"
        "\"wall_s\":{:.4g},\"flash_pages_per_wall_s\":{:.4g},\"tokens_per_s\":{:.6g}}}\n",
        decode.simulatedSeconds, decode.wallSeconds, decode.perWallSecond, decode.figure);
  } else {
    fmt::print(
        "100k random 16 KiB reads on Cambricon-LLM L: simulated {:.6f} s, wall {:.3f} s, "
        "{:.0f} requests/wall s, {:.0f} IOPS\n",
        reads.simulatedSeconds, reads.wallSeconds, reads.perWallSecond, reads.figure);
    fmt::print(
        "OPT-6.7B decode token on Cambricon-LLM S: simulated {:.6f} s, wall {:.3f} s, "
        "{:.0f} in-flash pages/wall s, {:.3f} tokens/s\n",
        decode.simulatedSeconds, decode.wallSeconds, decode.perWallSecond, decode.figure);
  }
  return 0;
}
