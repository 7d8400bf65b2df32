#include "models/dataflow/fabric/Placement.h"

#include <cstdlib>
#include <limits>

#include <fmt/format.h>

#include "sim/config/Units.h"

namespace xpusim::dataflow {

UnitKind Placement::kindOf(NodeKind k) {
  switch (k) {
    case NodeKind::kCompute:
      return UnitKind::kPcu;
    case NodeKind::kMemory:
      return UnitKind::kPmu;
    case NodeKind::kLoad:
    case NodeKind::kStore:
      return UnitKind::kAgu;
    default:
      return UnitKind::kIo;
  }
}

const char* Placement::kindName(UnitKind k) {
  switch (k) {
    case UnitKind::kPcu:
      return "PCU";
    case UnitKind::kPmu:
      return "PMU";
    case UnitKind::kAgu:
      return "AGU";
    default:
      return "I/O";
  }
}

std::vector<Placement::Site> Placement::candidates(UnitKind kind) const {
  std::vector<Site> out;
  if (kind == UnitKind::kAgu) {
    for (std::uint32_t i = 0; i < arch_.agus; ++i)
      out.push_back({kind, static_cast<std::int32_t>((i / 2) % arch_.rows),
                     i % 2 == 0 ? -1 : static_cast<std::int32_t>(arch_.cols)});
    return out;
  }
  const std::uint32_t parity = kind == UnitKind::kPcu ? 0 : 1;
  for (std::uint32_t r = 0; r < arch_.rows; ++r)
    for (std::uint32_t c = 0; c < arch_.cols; ++c)
      if ((r + c) % 2 == parity)
        out.push_back({kind, static_cast<std::int32_t>(r), static_cast<std::int32_t>(c)});
  return out;
}

void Placement::checkFits(const GraphSpec& g) const {
  std::uint64_t need[3] = {0, 0, 0};
  std::string users[3];
  for (const NodeSpec& n : g.nodes) {
    const std::string what = fmt::format("graph '{}': node '{}'", g.name, n.name);
    if (n.kind == NodeKind::kCompute) {
      if (n.op != Op::kFft && n.op != Op::kScan && n.stages > arch_.stages)
        throw InputError(n.where, fmt::format("{} needs {} pipeline stages; a PCU has {}", what,
                                              n.stages, arch_.stages));
      if (n.systolic && !arch_.systolic)
        throw InputError(n.where, what +
                                      " uses systolic mode, which this fabric's PCUs lack "
                                      "(rdu 'systolic: false')");
    }
    if (n.kind == NodeKind::kMemory) {
      const EdgeSpec& in = g.edges[n.inputs[0]];
      const std::uint64_t bytes = n.tile * in.width * elemBytes(in.type) * n.buffers;
      if (bytes > arch_.pmuBytes)
        throw InputError(n.where, fmt::format("{} needs {} ({} buffers x {} tokens x {} B) but a "
                                              "PMU holds {}: PMU capacity ran out",
                                              what, units::formatBytes(bytes), n.buffers, n.tile,
                                              in.width * elemBytes(in.type),
                                              units::formatBytes(arch_.pmuBytes)));
    }
    const UnitKind k = kindOf(n.kind);
    if (k == UnitKind::kIo) continue;
    const auto i = static_cast<std::size_t>(k);
    need[i] += n.copies;
    users[i] += fmt::format("{}{} x{}", users[i].empty() ? "" : ", ", n.name, n.copies);
  }
  const std::uint64_t have[3] = {arch_.pcus(), arch_.pmus(), arch_.agus};
  for (std::size_t i = 0; i < 3; ++i)
    if (need[i] > have[i])
      throw InputError(g.where, fmt::format("graph '{}' does not fit: it needs {} {}s ({}) but the "
                                            "{}x{} fabric has {}: {}s ran out",
                                            g.name, need[i], kindName(static_cast<UnitKind>(i)),
                                            users[i], arch_.rows, arch_.cols, have[i],
                                            kindName(static_cast<UnitKind>(i))));
}

Placement::Placement(const GraphSpec& g, const RduArch& arch) : arch_(arch) {
  checkFits(g);
  sites_.resize(g.nodes.size());
  for (std::size_t i = 0; i < g.nodes.size(); ++i) sites_[i].resize(g.nodes[i].copies);
  std::vector<std::vector<bool>> placed(g.nodes.size());
  for (std::size_t i = 0; i < g.nodes.size(); ++i) placed[i].assign(g.nodes[i].copies, false);

  std::vector<Site> pool[3];
  std::vector<bool> used[3];
  for (std::size_t k = 0; k < 3; ++k) {
    pool[k] = candidates(static_cast<UnitKind>(k));
    used[k].assign(pool[k].size(), false);
  }
  // Pinned copies first, so automatic placement never takes their units.
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const NodeSpec& n = g.nodes[i];
    const UnitKind kind = kindOf(n.kind);
    for (std::uint32_t c = 0; c < n.pins.size(); ++c) {
      const auto [r, col] = n.pins[c];
      const std::string at =
          fmt::format("graph '{}': node '{}' pinned at [{}, {}]", g.name, n.name, r, col);
      if (kind == UnitKind::kIo || kind == UnitKind::kAgu)
        throw InputError(n.where, at + ": only PCU and PMU nodes can be pinned");
      if (r >= arch.rows || col >= arch.cols)
        throw InputError(n.where,
                         fmt::format("{}: outside the {}x{} grid", at, arch.rows, arch.cols));
      auto& p = pool[static_cast<std::size_t>(kind)];
      std::size_t idx = p.size();
      for (std::size_t u = 0; u < p.size(); ++u)
        if (p[u].row == static_cast<std::int32_t>(r) && p[u].col == static_cast<std::int32_t>(col))
          idx = u;
      if (idx == p.size())
        throw InputError(n.where, fmt::format("{}: that site is not a {}", at, kindName(kind)));
      if (used[static_cast<std::size_t>(kind)][idx])
        throw InputError(n.where, at + ": that unit is already taken");
      used[static_cast<std::size_t>(kind)][idx] = true;
      sites_[i][c] = p[idx];
      placed[i][c] = true;
    }
  }
  for (std::size_t i : g.order) {
    const NodeSpec& n = g.nodes[i];
    const UnitKind kind = kindOf(n.kind);
    for (std::uint32_t c = 0; c < n.copies; ++c) {
      if (placed[i][c]) continue;
      if (kind == UnitKind::kIo) {
        sites_[i][c] = Site{kind, 0, 0};
        placed[i][c] = true;
        continue;
      }
      // Placed neighbour sites this copy talks to.
      std::vector<Site> near;
      // The copies of a neighbour node this copy exchanges tokens with (its group).
      auto collect = [&](std::size_t other) {
        if (kindOf(g.nodes[other].kind) == UnitKind::kIo) return;
        const std::uint32_t m = g.nodes[other].copies;
        const std::uint32_t first = m >= n.copies ? c * (m / n.copies) : c / (n.copies / m);
        const std::uint32_t count = m >= n.copies ? m / n.copies : 1;
        for (std::uint32_t oc = first; oc < first + count; ++oc)
          if (placed[other][oc]) near.push_back(sites_[other][oc]);
      };
      for (std::size_t e : n.inputs) collect(g.edges[e].from);
      for (std::size_t e : n.outputs) collect(g.edges[e].to);
      const auto k = static_cast<std::size_t>(kind);
      std::size_t best = pool[k].size();
      std::uint64_t bestCost = std::numeric_limits<std::uint64_t>::max();
      for (std::size_t u = 0; u < pool[k].size(); ++u) {
        if (used[k][u]) continue;
        std::uint64_t cost = 0;
        for (const Site& s : near)
          cost += static_cast<std::uint64_t>(std::abs(s.row - pool[k][u].row) +
                                             std::abs(s.col - pool[k][u].col));
        if (cost < bestCost) {
          bestCost = cost;
          best = u;
        }
      }
      used[k][best] = true;  // checkFits guarantees a free unit
      sites_[i][c] = pool[k][best];
      placed[i][c] = true;
    }
  }
}

std::uint32_t Placement::hops(std::size_t fromNode, std::uint32_t fromCopy, std::size_t toNode,
                              std::uint32_t toCopy) const {
  const Site& a = sites_[fromNode][fromCopy];
  const Site& b = sites_[toNode][toCopy];
  if (a.kind == UnitKind::kIo || b.kind == UnitKind::kIo) return 1;
  const auto d = static_cast<std::uint32_t>(std::abs(a.row - b.row) + std::abs(a.col - b.col));
  return d == 0 ? 1 : d;
}

}  // namespace xpusim::dataflow
