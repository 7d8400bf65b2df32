// Co-simulation speed: a 16x16 systolic array on a 256x256x256 int8 GEMM, the model alone vs
// the Verilated RTL alone (rtl/systolic/systolic_array.sv, -O2, no tracing), for os and ws.
// The model runs as it does in a simulation (systolic_array component, physical timing, ideal
// memory), once timing only and once with `functional: true` (the GEMM computed through the
// dataflow); the "stream" case builds the model's canonical co-simulation stream (one record
// per operand lane and result). The RTL case steps the Verilated model through the same GEMM
// (two eval() per cycle). Each reports simulated cycles, the best of three wall times and
// cycles per second; the last line of each dataflow gives the model / RTL speed ratio.
// Usage: bench_cosim [--json]
#include <Vsystolic_array.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>

#include "models/systolic/CosimStream.h"
#include "rtl/systolic/SystolicRtlDriver.h"
#include "sim/config/ConfigLoader.h"
#include "sim/core/Simulation.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using namespace xpusim;

constexpr std::uint64_t kSize = 16, kGemm = 256;

/// Best wall seconds of three runs of `f`, which returns the simulated cycles.
std::pair<std::uint64_t, double> best(const std::function<std::uint64_t()>& f) {
  double wall = 1e30;
  std::uint64_t cycles = 0;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = Clock::now();
    cycles = f();
    wall = std::min(wall, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return {cycles, wall};
}

std::uint64_t runModel(const fs::path& topology, const char* dataflow, bool functional) {
  const std::string yaml = fmt::format(
      "components:\n  array:\n    type: systolic_array\n    rows: {0}\n    cols: {0}\n"
      "    dataflow: {1}\n    timing: physical\n    functional: {2}\n    topology: {3}\n",
      kSize, dataflow, functional ? "true" : "false", topology.string());
  Simulation sim(ConfigLoader::loadText(yaml, "bench_cosim"));
  sim.run();
  return static_cast<std::uint64_t>(sim.stats().value("system.array.total_cycles"));
}

void print(bool json, const std::string& name, std::uint64_t cycles, double seconds) {
  const double rate = cycles / seconds;
  if (json)
    fmt::print(
        "{{\"bench\":\"cosim\",\"case\":\"{}\",\"cycles\":{},\"seconds\":{:.6f},"
        "\"cycles_per_s\":{:.1f}}}\n",
        name, cycles, seconds, rate);
  else
    fmt::print("{:<22} {:>9} cycles {:>10.4f} s {:>14.0f} cycles/s\n", name, cycles, seconds, rate);
}

}  // namespace

int main(int argc, char** argv) {
  const bool json = argc > 1 && std::string_view(argv[1]) == "--json";
  const fs::path topology = fs::temp_directory_path() / "bench_cosim_gemm256.csv";
  std::ofstream(topology) << "Layer, M, N, K,\ngemm, 256, 256, 256,\n";
  const systolic::GemmShape shape{kGemm, kGemm, kGemm};
  Random random(1, "bench.cosim");
  const systolic::GemmOperands ops = systolic::GemmOperands::random(shape, random);

  for (const char* df : {"os", "ws"}) {
    const auto grid = systolic::FoldGrid::map(systolic::dataflowNamed(df), shape, kSize, kSize);
    const auto model = best([&] { return runModel(topology, df, false); });
    const auto functional = best([&] { return runModel(topology, df, true); });
    const auto stream = best([&] {
      const cosim::Stream s = systolic::modelStream(grid, ops);
      return s.records.back().cycle + 1;
    });
    const auto rtl = best([&] {
      rtl::SystolicRtlDriver<Vsystolic_array> driver(grid, ops);
      while (driver.step()) {
      }
      return driver.cycles();
    });
    const std::string p = fmt::format("{}_{}x{}_gemm{}", df, kSize, kSize, kGemm);
    print(json, p + "_model", model.first, model.second);
    print(json, p + "_model_functional", functional.first, functional.second);
    print(json, p + "_model_stream", stream.first, stream.second);
    print(json, p + "_rtl", rtl.first, rtl.second);
    const double ratio = (model.first / model.second) / (rtl.first / rtl.second);
    const double fRatio = (functional.first / functional.second) / (rtl.first / rtl.second);
    const bool same = model.first == rtl.first && stream.first == rtl.first;
    if (json)
      fmt::print(
          "{{\"bench\":\"cosim\",\"case\":\"{}_ratio\",\"model_over_rtl\":{:.1f},"
          "\"functional_over_rtl\":{:.1f},\"identical_cycles\":{}}}\n",
          p, ratio, fRatio, same);
    else
      fmt::print("{:<22} model/rtl {:.1f}x, functional model/rtl {:.1f}x, cycles {}\n", p, ratio,
                 fRatio, same ? "identical" : "DIFFER");
  }
  fs::remove(topology);
  return 0;
}
