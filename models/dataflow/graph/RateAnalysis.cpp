#include "models/dataflow/graph/RateAnalysis.h"

#include <fmt/format.h>

namespace xpusim::dataflow {

void sortTopologically(GraphSpec& g) {
  std::vector<std::size_t> indegree(g.nodes.size(), 0);
  for (const auto& e : g.edges) ++indegree[e.to];
  std::vector<std::size_t> ready;
  for (std::size_t i = g.nodes.size(); i-- > 0;)
    if (indegree[i] == 0) ready.push_back(i);
  while (!ready.empty()) {
    const std::size_t n = ready.back();
    ready.pop_back();
    g.order.push_back(n);
    for (std::size_t e : g.nodes[n].outputs)
      if (--indegree[g.edges[e].to] == 0) ready.push_back(g.edges[e].to);
  }
  if (g.order.size() != g.nodes.size())
    for (std::size_t i = 0; i < g.nodes.size(); ++i)
      if (indegree[i] > 0)
        throw InputError(g.nodes[i].where, fmt::format("graph '{}': node '{}' is on a cycle; "
                                                       "graphs must be acyclic",
                                                       g.name, g.nodes[i].name));
}

namespace {

/// Per-copy tokens a consumer copy receives on edge `e`.
std::uint64_t tokensOn(const GraphSpec& g, const EdgeSpec& e) {
  const NodeSpec& from = g.nodes[e.from];
  const std::uint64_t out = from.outTokens;
  const std::uint32_t p = from.copies, q = g.nodes[e.to].copies;
  switch (e.fanout) {
    case Fanout::kScatter:
      if (out % (q / p) != 0)
        throw InputError(
            e.where, fmt::format("edge {}: {} tokens cannot be dealt evenly to {} copies", e.name,
                                 out, q / p));
      return out / (q / p);
    case Fanout::kGather:
      return out * (p / q);
    default:
      return out;
  }
}

}  // namespace

void propagateRates(GraphSpec& g) {
  for (std::size_t i : g.order) {
    NodeSpec& n = g.nodes[i];
    const std::string what = fmt::format("graph '{}': node '{}'", g.name, n.name);
    for (std::size_t e : n.inputs) n.inTokens.push_back(tokensOn(g, g.edges[e]));
    const bool source = n.kind == NodeKind::kStream || n.kind == NodeKind::kLoad;
    if (source != n.inputs.empty())
      throw InputError(n.where,
                       what + (source ? ": a source takes no inputs" : ": has no input edge"));
    const bool terminal = n.kind == NodeKind::kSink || n.kind == NodeKind::kStore;
    if (terminal == !n.outputs.empty())
      throw InputError(n.where,
                       what + (terminal ? ": an end of stream has no outputs"
                                        : ": has no output edge (end it with a sink or store)"));
    switch (n.kind) {
      case NodeKind::kStream:
      case NodeKind::kLoad:
        n.firings = n.outTokens = n.tokens;
        break;
      case NodeKind::kSink:
      case NodeKind::kStore:
        if (n.inputs.size() != 1)
          throw InputError(n.where, what + ": takes exactly one input edge");
        n.firings = n.inTokens[0];
        break;
      case NodeKind::kMemory: {
        if (n.inputs.size() != 1)
          throw InputError(n.where, what + ": takes exactly one input edge");
        const std::uint64_t written = n.inTokens[0];
        if (n.tile == 0) n.tile = written;
        if (written % n.tile != 0)
          throw InputError(n.where, fmt::format("{}: {} tokens written are not whole tiles of {}",
                                                what, written, n.tile));
        if (n.buffers < 1) throw InputError(n.where, what + ": 'buffers' must be >= 1");
        n.firings = n.outTokens = written * n.reuse;
        break;
      }
      case NodeKind::kCompute: {
        const std::size_t need = opInputs(n.op);
        if (n.inputs.size() != need)
          throw InputError(n.where, fmt::format("{}: op {} takes {} inputs, the graph gives {}",
                                                what, opNames()[static_cast<std::size_t>(n.op)],
                                                need, n.inputs.size()));
        for (std::size_t k = 0; k < n.inputs.size(); ++k) {
          const EdgeSpec& e = g.edges[n.inputs[k]];
          const std::uint64_t f = n.inTokens[k] * e.reuse;
          if (k == 0) n.firings = f;
          if (f != n.firings)
            throw InputError(e.where, fmt::format("{}: rate mismatch: input {} gives {} firings "
                                                  "({} tokens x reuse {}), input {} gives {}",
                                                  what, e.name, f, n.inTokens[k], e.reuse,
                                                  g.edges[n.inputs[0]].name, n.firings));
        }
        if (n.firings % n.accumulate != 0)
          throw InputError(n.where,
                           fmt::format("{}: {} firings are not whole groups of accumulate {}", what,
                                       n.firings, n.accumulate));
        if (n.op == Op::kOnlineSoftmax && n.firings % n.row != 0)
          throw InputError(n.where, fmt::format("{}: {} firings are not whole rows of {}", what,
                                                n.firings, n.row));
        n.outTokens = n.firings / n.accumulate;
        break;
      }
    }
  }
}

}  // namespace xpusim::dataflow
