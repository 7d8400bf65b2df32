#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "sim/cli/Commands.h"
#include "sim/config/ConfigLoader.h"
#include "sim/config/ConfigWriter.h"
#include "sim/config/Units.h"
#include "sim/core/Simulation.h"
#include "sim/output/AtomicFile.h"

namespace xpusim::cli {

namespace {

using Clock = std::chrono::steady_clock;

ConfigNode loadRequest(const RunRequest& r) {
  ConfigNode root = ConfigLoader::loadFile(r.config);
  if (r.workload) ConfigLoader::applyOverride(root, "workload=" + r.workload->string());
  if (r.seed) ConfigLoader::applyOverride(root, fmt::format("seed={}", *r.seed));
  for (const auto& o : r.overrides) ConfigLoader::applyOverride(root, o);
  return root;
}

/// Runs `body`, mapping exceptions to exit codes: bad input 2, anything else 1.
template <class F>
int guarded(std::ostream& err, F&& body) {
  try {
    return body();
  } catch (const InputError& e) {
    err << "xpusim: error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    err << "xpusim: simulation failed: " << e.what() << "\n";
    return kExitSimulationFailed;
  }
}

void writeOutputs(Simulation& sim, const std::filesystem::path& dir) {
  writeFileAtomically(dir / "stats.json", [&](std::ostream& o) { sim.stats().writeJson(o); });
  writeFileAtomically(dir / "stats.txt", [&](std::ostream& o) { sim.stats().writeText(o); });
  writeFileAtomically(dir / "stats.csv", [&](std::ostream& o) { sim.stats().writeCsv(o); });
  writeFileAtomically(dir / "config.yaml",
                      [&](std::ostream& o) { o << toYaml(sim.resolvedConfig()); });
}

std::size_t countComponents(const Component& c) {
  std::size_t n = 1;
  for (const auto& child : c.children()) n += countComponents(*child);
  return n;
}

}  // namespace

int checkCommand(const RunRequest& request, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    Simulation sim(loadRequest(request));
    if (!request.quiet)
      out << fmt::format("{}: ok ({} components)\n", request.config.string(),
                         countComponents(sim.root()));
    return kExitOk;
  });
}

int runCommand(const RunRequest& request, std::ostream& out, std::ostream& err) {
  const std::filesystem::path dir =
      request.outDir.value_or(std::filesystem::path("out") / request.config.stem());
  std::unique_ptr<Simulation> sim;
  const int built = guarded(err, [&] {
    std::optional<std::filesystem::path> timeline;
    if (request.trace) timeline = dir / "trace.json";
    sim = std::make_unique<Simulation>(loadRequest(request), timeline);
    sim->setOutputDir(dir);
    return kExitOk;
  });
  if (built != kExitOk) return built;

  const bool showProgress = isatty(fileno(stderr)) && !request.quiet;
  const auto started = Clock::now();
  auto lastShown = started;
  bool shown = false;
  RunResult result;
  const int ran = guarded(err, [&] {
    result = sim->run([&](Tick now) {
      const auto t = Clock::now();
      if (!showProgress || t - started < std::chrono::seconds(1) ||
          t - lastShown < std::chrono::milliseconds(500))
        return;
      lastShown = t;
      shown = true;
      err << fmt::format("\r  simulated {}, {} events, {:.1f} s   ", units::formatTime(now),
                         sim->queue().processed(),
                         std::chrono::duration<double>(t - started).count())
          << std::flush;
    });
    return kExitOk;
  });
  if (shown) err << "\n";
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (ran != kExitOk) return ran;
  const int written = guarded(err, [&] {
    writeOutputs(*sim, dir);
    if (Timeline* t = sim->timeline()) t->finish();
    return kExitOk;
  });
  if (written != kExitOk) return written;
  if (request.quiet) return kExitOk;

  SummaryLines lines;
  lines.emplace_back("config", request.config.string());
  lines.emplace_back("output", dir.string() + "/");
  lines.emplace_back("result", result.drained
                                   ? std::string("done: all work drained")
                                   : fmt::format("stopped at stop_at with {} events pending",
                                                 result.pendingEvents));
  for (auto& l : sim->summary()) lines.push_back(std::move(l));
  lines.emplace_back(
      "host time", fmt::format("{:.3f} s ({:.1f} M events/s)", seconds,
                               static_cast<double>(result.events) / 1e6 / std::max(seconds, 1e-9)));
  std::size_t width = 0;
  for (const auto& [label, value] : lines) width = std::max(width, label.size());
  out << fmt::format("xpusim {}\n", XPUSIM_VERSION);
  for (const auto& [label, value] : lines)
    out << fmt::format("  {:<{}}  {}\n", label, width, value);
  return kExitOk;
}

}  // namespace xpusim::cli
