#pragma once
#include <cstdint>
#include <vector>

#include "models/dataflow/RduArch.h"
#include "models/dataflow/graph/ProgramGraph.h"

namespace xpusim::dataflow {

/// The physical resource a node copy occupies.
enum class UnitKind : std::uint8_t { kPcu, kPmu, kAgu, kIo };

/// Where every copy of every node of a graph sits, and the hop distance between two copies.
/// PCU at (r, c) when r + c is even, PMU otherwise; AGU i at row (i / 2) % rows on the left
/// (even i, column -1) or right (odd i, column cols) edge; stream ends attach to the I/O of
/// the unit they talk to (one hop).
class Placement {
 public:
  struct Site {
    UnitKind kind = UnitKind::kIo;
    std::int32_t row = 0;
    std::int32_t col = 0;
  };

  /// Places `graph` on `arch`: pinned copies (`at:`) first, then the rest greedily in
  /// topological order, each on the free unit of its kind nearest (in hops) to its placed
  /// neighbours. Throws InputError when a node needs more than a unit offers (stages, PMU
  /// bytes, systolic mode) or the graph needs more units of a kind than the grid has.
  Placement(const GraphSpec& graph, const RduArch& arch);

  const Site& site(std::size_t node, std::uint32_t copy) const { return sites_[node][copy]; }
  /// Switch hops between two copies (at least 1).
  std::uint32_t hops(std::size_t fromNode, std::uint32_t fromCopy, std::size_t toNode,
                     std::uint32_t toCopy) const;
  static UnitKind kindOf(NodeKind k);
  static const char* kindName(UnitKind k);

 private:
  std::vector<Site> candidates(UnitKind kind) const;
  void checkFits(const GraphSpec& graph) const;

  const RduArch& arch_;
  std::vector<std::vector<Site>> sites_;  // [node][copy]
};

}  // namespace xpusim::dataflow
