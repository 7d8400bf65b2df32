// Optical projection unit benchmark: the LightOn preset running random-features jobs.
//  - timing only: 10,000 vectors projected 1M -> 2M features (frame-level engine events);
//    prints simulated seconds and wall seconds.
//  - functional: vectors projected 4096 -> 8192 features through the medium, camera and
//    decoder; prints wall seconds and projections per second.
// Usage: bench_optical [--json] [--quick]   (--json: one JSON object per line)
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/config/ConfigLoader.h"
#include "sim/core/Simulation.h"

using namespace xpusim;

namespace {

struct Result {
  double simulatedSeconds;
  double wallSeconds;
  double framesPerSecond;
  double effectiveOps;
  double boundBy;
};

Result run(const std::filesystem::path& dir, const std::string& name, bool functional,
           std::uint64_t n, std::uint64_t m, std::uint64_t samples, std::uint64_t batch) {
  const auto job = dir / (name + ".yaml");
  std::ofstream(job) << fmt::format(
      "job: random_features\nn_features: {}\nn_components: {}\nsamples: {}\nbatch: {}\n"
      "kernel_samples: 0\ninput_distribution: bernoulli\n",
      n, m, samples, batch);
  ConfigNode config = ConfigLoader::loadFile(XPUSIM_SOURCE_DIR "/configs/optical/lighton_opu.yaml");
  ConfigLoader::applyOverride(config, "opu.job=" + job.string());
  ConfigLoader::applyOverride(config,
                              std::string("opu.functional=") + (functional ? "true" : "false"));
  const auto start = std::chrono::steady_clock::now();
  Simulation sim(std::move(config));
  sim.run();
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto& s = sim.stats();
  return Result{s.value("system.opu.run_time") * 1e-12, wall, s.value("system.opu.frames_per_s"),
                s.value("system.opu.effective_ops_per_s"), s.value("system.opu.bound_by")};
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false, quick = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json")
      json = true;
    else if (a == "--quick")
      quick = true;
    else {
      fmt::print(stderr, "usage: bench_optical [--json] [--quick]\n");
      return 2;
    }
  }
  const auto dir =
      std::filesystem::temp_directory_path() / fmt::format("xpusim-bench-optical-{}", ::getpid());
  std::filesystem::create_directories(dir);
  const char* stages[] = {"host", "link_in", "dmd", "camera", "link_out"};

  const std::uint64_t timedSamples = 10000;
  const Result t = run(dir, "timing", false, 1000000, 2000000, timedSamples, 3000);
  const std::uint64_t functionalSamples = quick ? 64 : 512;
  const Result f = run(dir, "functional", true, 4096, 8192, functionalSamples, 512);
  std::filesystem::remove_all(dir);

  const char* tb = stages[static_cast<int>(t.boundBy)];
  const char* fb = stages[static_cast<int>(f.boundBy)];
  if (json) {
    fmt::print(
        "{{\"bench\":\"optical_timing\",\"n_in\":1000000,\"n_out\":2000000,\"samples\":{},"
        "\"simulated_s\":{},\"wall_s\":{},\"frames_per_s\":{},\"effective_ops_per_s\":{},"
        "\"bound_by\":\"{}\"}}\n",
        timedSamples, t.simulatedSeconds, t.wallSeconds, t.framesPerSecond, t.effectiveOps, tb);
    fmt::print(
        "{{\"bench\":\"optical_functional\",\"n_in\":4096,\"n_out\":8192,\"samples\":{},"
        "\"simulated_s\":{},\"wall_s\":{},\"projections_per_s\":{},\"bound_by\":\"{}\"}}\n",
        functionalSamples, f.simulatedSeconds, f.wallSeconds,
        static_cast<double>(functionalSamples) / f.wallSeconds, fb);
  } else {
    fmt::print(
        "timing only, {} vectors 1M -> 2M: simulated {:.4f} s, wall {:.3f} s, "
        "{:.1f} frames/s, {:.4g} ops/s, bound by {}\n",
        timedSamples, t.simulatedSeconds, t.wallSeconds, t.framesPerSecond, t.effectiveOps, tb);
    fmt::print(
        "functional, {} vectors 4096 -> 8192: wall {:.3f} s, {:.1f} projections/s "
        "(simulated {:.4f} s)\n",
        functionalSamples, f.wallSeconds, static_cast<double>(functionalSamples) / f.wallSeconds,
        f.simulatedSeconds);
  }
  return 0;
}
