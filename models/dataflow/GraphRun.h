#pragma once
#include <array>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "models/dataflow/RduArch.h"
#include "models/dataflow/fabric/LinkSet.h"
#include "models/dataflow/fabric/OffChipTier.h"
#include "models/dataflow/fabric/Placement.h"
#include "models/dataflow/graph/ProgramGraph.h"
#include "models/dataflow/units/Unit.h"
#include "sim/core/ComponentInfo.h"
#include "sim/stats/StatsRegistry.h"

namespace xpusim::dataflow {

class SinkUnit;

/// Told when every unit of a graph has finished.
class GraphObserver {
 public:
  virtual ~GraphObserver() = default;
  virtual void graphDone() = 0;
};

/// One graph configured onto the fabric: its placement, a unit per node copy, and a channel
/// per edge and copy pair with latency = hops x hop latency (credits return the same way),
/// capacity = the edge's depth or the fabric's FIFO depth, and a dimension-order route of
/// links on the edge's network (vector, scalar or control) shared with every other route that
/// crosses them (LinkSet.h). Built up front, started when the fabric switches to it, done when
/// every unit is.
class GraphRun : public UnitObserver {
 public:
  struct Env {
    const RduArch& arch;
    ClockDomain& clock;
    EventQueue& queue;
    Timeline* timeline;
    std::array<OffChipTier*, kTierCount> tiers;
    GraphObserver& observer;
    std::string path;  ///< stat and trace prefix, e.g. "system.rdu.gemm"
  };
  GraphRun(GraphSpec spec, Env env);
  ~GraphRun() override;

  /// Registers per-unit stall cycles, per-channel max_occupancy and the graph's cycles / flops
  /// under env.path, with units and descriptions from `info`.
  void registerStats(StatsRegistry& stats, const ComponentInfo& info);
  void start();
  void unitDone() override;
  /// Closes the accounting (also when the run stopped early).
  void close();

  const GraphSpec& spec() const { return spec_; }
  bool done() const { return remaining_ == 0; }
  bool started() const { return started_; }
  std::uint64_t cycles() const { return cycles_; }
  std::uint64_t flops() const;
  std::uint64_t transfers() const;
  std::uint64_t bankConflictCycles() const;
  /// Largest max_occupancy over the channels of edge `name` ("from->to").
  std::uint64_t maxOccupancy(const std::string& edge) const;
  /// The sink unit named `name` (node name, copy 0), or nullptr.
  const SinkUnit* sink(const std::string& name) const;
  Tick startTick() const { return startTick_; }
  /// One CSV row per unit (graph,unit,kind,row,col,...).
  void writeUnitRows(std::ostream& out) const;
  /// Unfinished units and full channels, for a deadlock message.
  std::string diagnose() const;

 private:
  void build();
  Unit& makeUnit(std::size_t node, std::uint32_t copy, const std::string& name);

  GraphSpec spec_;
  Env env_;
  Placement placement_;
  LinkSet links_;
  std::vector<std::unique_ptr<Unit>> units_;
  std::vector<std::vector<Unit*>> byNode_;  // [node][copy]
  std::vector<std::unique_ptr<TokenChannel>> channels_;
  std::vector<std::size_t> channelEdge_;
  std::vector<std::uint64_t> maxOccupancy_;
  std::size_t remaining_ = 0;
  bool started_ = false;
  bool closed_ = false;
  Tick startTick_ = 0;
  std::uint64_t cycles_ = 0;
  std::uint64_t flops_ = 0;
};

}  // namespace xpusim::dataflow
