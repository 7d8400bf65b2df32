#pragma once
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/config/ConfigNode.h"
#include "sim/config/ParamReader.h"
#include "sim/core/Clock.h"
#include "sim/core/ComponentInfo.h"
#include "sim/core/MemoryPort.h"

namespace xpusim {

class Simulation;
class Distribution;
class TimeAverage;

/// What a component is built from: its place in the tree and its config map.
struct BuildContext {
  Simulation& sim;
  Component* parent;
  std::string name;
  const ConfigNode& node;
  const ComponentInfo& info;
};

/// Label/value lines a component contributes to the one-screen run summary.
using SummaryLines = std::vector<std::pair<std::string, std::string>>;

/// A node of the simulated system: a named, hierarchical piece of hardware with declared
/// parameters, ports and statistics. Built in two phases: the constructor reads parameters
/// (params()) and builds children; bind() connects ports once the whole tree exists. start()
/// then puts initial work on the clocks.
class Component {
 public:
  explicit Component(BuildContext& ctx);
  virtual ~Component();
  Component(const Component&) = delete;
  Component& operator=(const Component&) = delete;

  const std::string& name() const { return name_; }
  /// Dotted path from the root, e.g. "system.sram".
  const std::string& path() const { return path_; }
  const ComponentInfo& info() const { return info_; }
  Component* parent() const { return parent_; }
  Simulation& sim() const { return sim_; }
  const std::vector<std::unique_ptr<Component>>& children() const { return children_; }
  Component* child(std::string_view name) const;

  virtual void bind() {}
  virtual void start() {}
  /// After the run; `drained` is false when it was stopped with work left (stop_at). A
  /// component that finds its work unfinished although the system drained throws
  /// std::runtime_error (a deadlock).
  virtual void finish(bool /*drained*/) {}
  virtual void summarize(SummaryLines&) const {}
  /// The memory target port `port` of this component, or nullptr if it has none by that name.
  virtual MemoryTargetPort* memoryTarget(std::string_view port);

  /// Writes report `fileName` (e.g. "layers.csv") into the run's output folder, atomically,
  /// with the contents `write` produces; does nothing when the run has no output folder.
  void writeReport(const std::string& fileName,
                   const std::function<void(std::ostream&)>& write) const;

  /// This component's resolved config (every default filled in), children included.
  ConfigNode resolvedConfig() const;
  /// Finishes construction: rejects unread declarations, keeps the resolved config. Called by
  /// the builder right after the constructor.
  void sealParameters();

  /// Builds a component of the type named in `node` (`type:`), as a child of `parent` (or the
  /// root when parent is null). Throws InputError on unknown types and bad parameters.
  static std::unique_ptr<Component> build(Simulation& sim, Component* parent,
                                          const std::string& name, const ConfigNode& node);

 protected:
  /// The parameter reader; valid only during construction.
  ParamReader& params();
  /// Builds every child listed under `components:` (container types).
  void buildChildrenFromConfig();
  /// Connects initiator port `port` to the component its config key names ("sram" or
  /// "sram.port"; a sibling first, then a path from the root). Call from bind().
  void connect(MemoryInitiatorPort& port, const std::string& portName, ClockHandle self);
  /// Whether the config names a target for initiator port `port` (for optional ports).
  bool portConfigured(const std::string& port) const;
  /// Joins the shared clock domain of `period` ps.
  ClockHandle joinClock(Tick period, Clocked& member);

  // Registers a member as a declared statistic (unit and description from describe()) under
  // path() + "." + scope + name; `scope` ("ch0.") groups repeated parts such as channels.
  void stat(const std::string& name, const std::uint64_t& value, const std::string& scope = {});
  void stat(const std::string& name, const double& value, const std::string& scope = {});
  void stat(const std::string& name, const Distribution& value, const std::string& scope = {});
  void stat(const std::string& name, const std::vector<std::uint64_t>& value,
            const std::string& scope = {});
  /// A time-weighted average, evaluated at the current tick when dumped.
  void stat(const std::string& name, const TimeAverage& value, const std::string& scope = {});
  void formula(const std::string& name, std::function<double()> f, const std::string& scope = {});

 private:
  Simulation& sim_;
  Component* parent_;
  std::string name_;
  std::string path_;
  const ComponentInfo& info_;
  const ConfigNode& node_;
  std::unique_ptr<ParamReader> params_;
  ConfigNode resolved_;
  std::vector<std::pair<std::string, ConfigNode>> portBindings_;
  std::vector<std::unique_ptr<Component>> children_;
};

}  // namespace xpusim
