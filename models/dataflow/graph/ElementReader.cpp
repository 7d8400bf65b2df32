#include "models/dataflow/graph/ElementReader.h"

#include <fmt/format.h>

#include "models/dataflow/graph/Fields.h"
#include "sim/config/Units.h"

namespace xpusim::dataflow {

namespace {

const std::vector<std::string> kKinds{"stream", "sink", "compute", "memory", "load", "store"};
const std::vector<std::string> kTypes{"f32", "bf16", "f16", "i32", "i16", "u16", "i8", "ctrl"};

std::vector<Position> readPins(const ConfigNode* at, const NodeSpec& n) {
  std::vector<Position> pins;
  if (!at) return pins;
  auto one = [&](const ConfigNode& p) {
    if (!p.isSequence() || p.items.size() != 2 || !p.items[0].isScalar() || !p.items[1].isScalar())
      throw InputError(p.where,
                       fmt::format("node '{}': 'at' takes [row, col] or a list of them", n.name));
    try {
      return Position(static_cast<std::uint32_t>(units::parseUnsigned(p.items[0].scalar)),
                      static_cast<std::uint32_t>(units::parseUnsigned(p.items[1].scalar)));
    } catch (const std::exception& e) {
      throw InputError(p.where, fmt::format("node '{}': 'at': {}", n.name, e.what()));
    }
  };
  if (at->isSequence() && !at->items.empty() && at->items[0].isSequence())
    for (const auto& p : at->items) pins.push_back(one(p));
  else
    pins.push_back(one(*at));
  if (pins.size() != n.copies)
    throw InputError(at->where, fmt::format("node '{}': 'at' gives {} positions for {} copies",
                                            n.name, pins.size(), n.copies));
  return pins;
}

std::size_t nodeIndex(const GraphSpec& g, const ConfigNode& ref, const std::string& what) {
  for (std::size_t i = 0; i < g.nodes.size(); ++i)
    if (g.nodes[i].name == ref.scalar) return i;
  throw InputError(ref.where,
                   fmt::format("graph '{}': {} '{}' is not a node", g.name, what, ref.scalar));
}

}  // namespace

NodeSpec readNode(const std::string& name, const ConfigNode& node, const Variables& vars) {
  NodeSpec n;
  n.name = name;
  n.where = node.where;
  if (name.empty() || name.find_first_of(".,\"#: []") != std::string::npos)
    throw InputError(node.where,
                     fmt::format("node name '{}' must not contain . , \" # : [ ] or spaces", name));
  Fields f(node, "node '" + name + "'", vars);
  n.kind = static_cast<NodeKind>(f.choice("kind", kKinds, kKinds.size()));
  if (static_cast<std::size_t>(n.kind) == kKinds.size())
    throw InputError(node.where, fmt::format("node '{}': missing 'kind' (one of: {})", name,
                                             fmt::join(kKinds, ", ")));
  n.copies = static_cast<std::uint32_t>(f.positive("copies", 1));
  switch (n.kind) {
    case NodeKind::kStream:
      n.tokens = f.positive("tokens", 0);
      n.start = f.real("start", 0);
      n.step = f.real("step", 1);
      n.interval = f.positive("interval", 1);
      break;
    case NodeKind::kSink:
      n.record = f.flag("record");
      break;
    case NodeKind::kCompute: {
      const ConfigNode& op = f.require("op");
      n.op = static_cast<Op>(f.choice("op", opNames(), 0));
      n.stages = static_cast<std::uint32_t>(f.positive("stages", defaultStages(n.op)));
      n.reduce = f.flag("reduce");
      n.accumulate = f.positive("accumulate", 1);
      n.combineMax = f.choice("combine", {"add", "max"}, 0) == 1;
      n.ii = f.positive("ii", 1);
      n.systolic = f.choice("mode", {"simd", "systolic"}, 0) == 1;
      if (n.op == Op::kFft || n.op == Op::kScan) {
        n.points = f.positive("points", 0);
        if ((n.points & (n.points - 1)) != 0)
          throw InputError(node.keyLocation("points"),
                           fmt::format("node '{}': 'points' must be a power of two", name));
      }
      if (n.op == Op::kOnlineSoftmax) n.row = f.positive("row", 0);
      if (const ConfigNode* fl = f.get("flops")) n.flops = evaluate(fl->scalar, vars, fl->where);
      (void)op;
      break;
    }
    case NodeKind::kMemory:
      n.tile = f.uint("tile", 0);
      n.reuse = f.positive("reuse", 1);
      n.buffers = static_cast<std::uint32_t>(f.positive("buffers", 2));
      n.gather = f.choice("access", {"linear", "gather"}, 0) == 1;
      n.stride = f.positive("stride", 1);
      break;
    case NodeKind::kLoad:
      n.tokens = f.positive("tokens", 0);
      n.tier = static_cast<Tier>(f.choice("tier", {"hbm", "ddr"}, 0));
      break;
    case NodeKind::kStore:
      n.tier = static_cast<Tier>(f.choice("tier", {"hbm", "ddr"}, 0));
      break;
  }
  n.pins = readPins(f.get("at"), n);
  f.done();
  return n;
}

EdgeSpec readEdge(const GraphSpec& g, const ConfigNode& node, const Variables& vars) {
  Fields f(node, "edge", vars);
  EdgeSpec e;
  e.where = node.where;
  e.from = nodeIndex(g, f.require("from"), "'from'");
  e.to = nodeIndex(g, f.require("to"), "'to'");
  e.name = g.nodes[e.from].name + "->" + g.nodes[e.to].name;
  e.type = static_cast<ElemType>(f.choice("type", kTypes, 0));
  e.width = static_cast<std::uint32_t>(f.positive("width", 1));
  e.depth = f.uint("depth", 0);
  e.reuse = f.positive("reuse", 1);
  const bool scatter = f.choice("fanout", {"broadcast", "scatter"}, 0) == 1;
  f.done();
  const std::uint32_t p = g.nodes[e.from].copies, q = g.nodes[e.to].copies;
  if (p == q)
    e.fanout = Fanout::kOneToOne;
  else if (q % p == 0)
    e.fanout = scatter ? Fanout::kScatter : Fanout::kBroadcast;
  else if (p % q == 0)
    e.fanout = Fanout::kGather;
  else
    throw InputError(node.where, fmt::format("edge {}: {} copies cannot feed {} copies (one "
                                             "count must divide the other)",
                                             e.name, p, q));
  return e;
}

}  // namespace xpusim::dataflow
