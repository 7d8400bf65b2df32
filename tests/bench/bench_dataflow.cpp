// Dataflow (RDU) model throughput: streaming attention on the Plasticine preset at sequence
// lengths 1k, 4k and 16k (16 query rows each, naive and reordered graphs): simulated cycles,
// wall seconds, engine events and channel transfers per wall second. Simulation cost should
// grow linearly with the sequence length. Wall time from std::chrono::steady_clock.
// Usage: bench_dataflow [--json] [--quick]
#include <chrono>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/dataflow/Rdu.h"
#include "sim/config/ConfigLoader.h"
#include "sim/core/Simulation.h"

using namespace xpusim;

namespace {

struct Result {
  std::string graph;
  std::uint64_t n = 0;
  double cycles = 0;
  double wallSeconds = 0;
  std::uint64_t events = 0;
  double transfers = 0;
};

Result run(const std::string& graph, std::uint64_t n) {
  const std::string dir = XPUSIM_SOURCE_DIR;
  const std::string text = "extends: " + dir + "/configs/dataflow/plasticine.yaml\n" +
                           "components:\n  rdu:\n    graph: " + dir + "/workloads/dataflow/" +
                           graph + ".yaml\n    vars: Q=16,N=" + std::to_string(n) + "\n";
  Simulation sim(ConfigLoader::loadText(text, "bench_dataflow"));
  const auto start = std::chrono::steady_clock::now();
  const RunResult r = sim.run();
  const auto end = std::chrono::steady_clock::now();
  sim.visit([&](Component& c) { c.finish(r.drained); });
  Result out{graph, n};
  out.cycles = sim.stats().value("system.rdu.cycles");
  out.wallSeconds = std::chrono::duration<double>(end - start).count();
  out.events = r.events;
  out.transfers = sim.stats().value("system.rdu.transfers");
  return out;
}

std::string json(const Result& r) {
  return fmt::format(
      "{{\"bench\":\"dataflow_attention\",\"graph\":\"{}\",\"seq_len\":{},\"query_rows\":16,"
      "\"cycles\":{},\"wall_s\":{:.6f},\"events\":{},\"events_per_s\":{:.0f},\"transfers\":{},"
      "\"transfers_per_s\":{:.0f}}}",
      r.graph, r.n, r.cycles, r.wallSeconds, r.events, r.events / r.wallSeconds, r.transfers,
      r.transfers / r.wallSeconds);
}

}  // namespace

int main(int argc, char* argv[]) {
  bool asJson = false, quick = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      asJson = true;
    } else if (arg == "--quick") {
      quick = true;
    } else {
      fmt::print(stderr, "usage: bench_dataflow [--json] [--quick]\n");
      return 2;
    }
  }
  std::vector<std::uint64_t> lengths{1024, 4096, 16384};
  if (quick) lengths = {1024, 4096};
  std::vector<Result> results;
  for (const char* graph : {"attention_reordered", "attention_naive"})
    for (std::uint64_t n : lengths) results.push_back(run(graph, n));
  if (asJson) {
    for (const Result& r : results) fmt::print("{}\n", json(r));
    return 0;
  }
  fmt::print("{:<22}{:>8}{:>12}{:>10}{:>12}{:>14}{:>16}\n", "graph", "N", "cycles", "wall s",
             "events", "M events/s", "M transfers/s");
  for (const Result& r : results)
    fmt::print("{:<22}{:>8}{:>12}{:>10.3f}{:>12}{:>14.2f}{:>16.2f}\n", r.graph, r.n, r.cycles,
               r.wallSeconds, r.events, r.events / r.wallSeconds / 1e6,
               r.transfers / r.wallSeconds / 1e6);
  return 0;
}
