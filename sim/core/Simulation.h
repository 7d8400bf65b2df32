#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/config/ConfigNode.h"
#include "sim/core/Clock.h"
#include "sim/core/Component.h"
#include "sim/core/EventQueue.h"
#include "sim/core/Random.h"
#include "sim/stats/StatsRegistry.h"
#include "sim/trace/Timeline.h"

namespace xpusim {

/// How a run ended.
struct RunResult {
  Tick endTick = 0;               ///< tick of the last event processed
  std::uint64_t events = 0;       ///< events processed
  bool drained = false;           ///< true: no work was left; false: stopped by stop_at
  std::size_t pendingEvents = 0;  ///< events still queued when stopped
};

/// One simulation: the event queue, the clock domains, the component tree built from a config,
/// the stats registry and the optional timeline. Single-threaded and deterministic: the same
/// config and seed give bit-identical stats.
class Simulation {
 public:
  /// Builds the tree from `config` (its root map is the `system` component) and binds ports.
  /// `timelineFile`, when given, enables the Perfetto timeline.
  explicit Simulation(ConfigNode config,
                      std::optional<std::filesystem::path> timelineFile = std::nullopt);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  EventQueue& queue() { return queue_; }
  Tick now() const { return queue_.now(); }
  /// The clock domain of `period` ps (phase 0), shared by every component on that clock.
  ClockDomain& clock(Tick period);
  StatsRegistry& stats() { return stats_; }
  /// The timeline, or nullptr when tracing is off.
  Timeline* timeline() { return timeline_.get(); }
  /// The run seed (`seed:` of the system).
  std::uint64_t seed() const { return seed_; }
  /// A random stream for `component`, derived from the seed and its path.
  Random random(const Component& component) const { return Random(seed_, component.path()); }

  Component& root() { return *root_; }
  /// The component at dotted `path` ("system.sram"), or nullptr.
  Component* find(std::string_view path) const;
  void visit(const std::function<void(Component&)>& f);

  /// Runs until no work is left or the system's `stop_at`. `progress` is called about every
  /// million events with the current tick.
  RunResult run(const std::function<void(Tick)>& progress = {});
  /// Every component's summary lines, in tree order.
  SummaryLines summary() const;
  /// The resolved config: every component with every default filled in.
  ConfigNode resolvedConfig() const { return root_->resolvedConfig(); }
  /// The run's output folder (set by the CLI; unset in tests that write nothing).
  const std::optional<std::filesystem::path>& outputDir() const { return outputDir_; }
  void setOutputDir(std::filesystem::path dir) { outputDir_ = std::move(dir); }

  /// The workload file given to the system (`workload:` or `--workload`), if any.
  const std::optional<std::filesystem::path>& workload() const { return workload_; }

  /// Run-wide settings, made by the system component while it is built.
  void setSeed(std::uint64_t seed) { seed_ = seed; }
  void setStopAt(Tick t) { stopAt_ = t; }
  void setWorkload(std::filesystem::path p) { workload_ = std::move(p); }

 private:
  friend class Component;
  void index(Component& c);

  ConfigNode config_;
  EventQueue queue_;
  std::map<Tick, std::unique_ptr<ClockDomain>> clocks_;
  StatsRegistry stats_;
  std::unique_ptr<Timeline> timeline_;
  std::uint64_t seed_ = 1;
  Tick stopAt_ = 0;
  std::optional<std::filesystem::path> workload_;
  std::optional<std::filesystem::path> outputDir_;
  std::map<std::string, Component*, std::less<>> byPath_;
  std::unique_ptr<Component> root_;
};

}  // namespace xpusim
