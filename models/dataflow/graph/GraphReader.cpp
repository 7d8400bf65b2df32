#include "models/dataflow/graph/GraphReader.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "sim/config/ConfigLoader.h"
#include "sim/config/Units.h"

namespace xpusim::dataflow {

namespace {

/// The keys of one YAML map, read by type; keys never read are rejected by done().
class Fields {
 public:
  Fields(const ConfigNode& node, std::string what, const Variables& vars)
      : node_(node), what_(std::move(what)), vars_(vars) {
    if (!node.isMap())
      throw InputError(node.where,
                       fmt::format("{}: expected a map, got {}", what_, node.kindName()));
  }
  /// Marks `key` as known without reading it (structured values read elsewhere).
  void touch(const std::string& key) { used_.push_back(key); }
  const ConfigNode* get(const std::string& key) {
    used_.push_back(key);
    const ConfigNode* v = node_.find(key);
    if (v && !v->isScalar() && !v->isSequence())
      throw InputError(v->where, fmt::format("{}: '{}' must be a value", what_, key));
    return v;
  }
  const ConfigNode& require(const std::string& key) {
    const ConfigNode* v = get(key);
    if (!v) throw InputError(node_.where, fmt::format("{}: missing '{}'", what_, key));
    return *v;
  }
  std::string text(const std::string& key, const std::string& def) {
    const ConfigNode* v = get(key);
    return v ? scalar(*v, key) : def;
  }
  std::uint64_t uint(const std::string& key, std::uint64_t def) {
    const ConfigNode* v = get(key);
    return v ? evaluate(scalar(*v, key), vars_, v->where) : def;
  }
  std::uint64_t positive(const std::string& key, std::uint64_t def) {
    const std::uint64_t x = uint(key, def);
    if (x == 0)
      throw InputError(node_.keyLocation(key), fmt::format("{}: '{}' must be >= 1", what_, key));
    return x;
  }
  double real(const std::string& key, double def) {
    const ConfigNode* v = get(key);
    if (!v) return def;
    try {
      return units::parseReal(scalar(*v, key));
    } catch (const std::exception& e) {
      throw InputError(v->where, fmt::format("{}: '{}': {}", what_, key, e.what()));
    }
  }
  bool flag(const std::string& key) {
    const ConfigNode* v = get(key);
    if (!v) return false;
    try {
      return units::parseBool(scalar(*v, key));
    } catch (const std::exception& e) {
      throw InputError(v->where, fmt::format("{}: '{}': {}", what_, key, e.what()));
    }
  }
  /// One of `choices` (index), or `def` when absent.
  std::size_t choice(const std::string& key, const std::vector<std::string>& choices,
                     std::size_t def) {
    const ConfigNode* v = get(key);
    if (!v) return def;
    const std::string s = scalar(*v, key);
    const auto it = std::find(choices.begin(), choices.end(), s);
    if (it == choices.end())
      throw InputError(v->where, fmt::format("{}: '{}' = '{}' is not one of: {}", what_, key, s,
                                             fmt::join(choices, ", ")));
    return static_cast<std::size_t>(it - choices.begin());
  }
  void done() const {
    for (const auto& e : node_.entries)
      if (std::find(used_.begin(), used_.end(), e.key) == used_.end())
        throw InputError(e.keyAt, fmt::format("{}: unknown key '{}' (this kind takes: {})", what_,
                                              e.key, fmt::join(used_, ", ")));
  }
  const std::string& what() const { return what_; }

 private:
  std::string scalar(const ConfigNode& v, const std::string& key) const {
    if (!v.isScalar())
      throw InputError(v.where, fmt::format("{}: '{}' must be a single value", what_, key));
    return v.scalar;
  }
  const ConfigNode& node_;
  std::string what_;
  const Variables& vars_;
  std::vector<std::string> used_;
};

const std::vector<std::string> kKinds{"stream", "sink", "compute", "memory", "load", "store"};
const std::vector<std::string> kOps{
    "pass",           "add", "sub", "mul", "div", "max", "fma", "mac", "exp", "sub_exp",
    "online_softmax", "fft", "scan"};
const std::vector<std::string> kTypes{"f32", "bf16", "f16", "i32", "i16", "u16", "i8", "ctrl"};

/// Input count an op needs and its default stage count.
std::pair<std::size_t, std::uint32_t> opShape(Op op) {
  switch (op) {
    case Op::kPass:
    case Op::kExp:
    case Op::kFft:
    case Op::kScan:
    case Op::kOnlineSoftmax:
      return {1, 1};
    case Op::kFma:
      return {3, 2};
    default:
      return {2, 1};
  }
}

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
      n.op = static_cast<Op>(f.choice("op", kOps, 0));
      n.stages = static_cast<std::uint32_t>(f.positive("stages", opShape(n.op).second));
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

std::size_t nodeIndex(const GraphSpec& g, const ConfigNode& ref, const std::string& what) {
  for (std::size_t i = 0; i < g.nodes.size(); ++i)
    if (g.nodes[i].name == ref.scalar) return i;
  throw InputError(ref.where,
                   fmt::format("graph '{}': {} '{}' is not a node", g.name, what, ref.scalar));
}

EdgeSpec readEdge(GraphSpec& g, const ConfigNode& node, const Variables& vars) {
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

/// Orders the nodes so every edge goes forward; a cycle is an error.
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
        const std::size_t need = opShape(n.op).first;
        if (n.inputs.size() != need)
          throw InputError(
              n.where, fmt::format("{}: op {} takes {} inputs, the graph gives {}", what,
                                   kOps[static_cast<std::size_t>(n.op)], need, n.inputs.size()));
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

GraphSpec readGraph(const ConfigNode& node, const Variables& vars) {
  Fields f(node, "graph", vars);
  GraphSpec g;
  g.where = node.where;
  g.name = f.require("name").scalar;
  if (const ConfigNode* ms = f.get("model_switch")) try {
      g.modelSwitchBytes = units::parseBytes(ms->scalar);
    } catch (const std::exception& e) {
      throw InputError(ms->where, fmt::format("graph '{}': 'model_switch': {}", g.name, e.what()));
    }
  const ConfigNode* nodes = node.find("nodes");
  const ConfigNode* edges = node.find("edges");
  f.touch("nodes");
  f.touch("edges");
  f.done();
  if (!nodes || !nodes->isMap() || nodes->entries.empty())
    throw InputError(
        node.where,
        fmt::format("graph '{}': 'nodes' must be a non-empty map of name: node", g.name));
  if (!edges || !edges->isSequence())
    throw InputError(node.where,
                     fmt::format("graph '{}': 'edges' must be a list of edges", g.name));
  for (const auto& e : nodes->entries) g.nodes.push_back(readNode(e.key, e.value, vars));
  for (const auto& e : edges->items) {
    g.edges.push_back(readEdge(g, e, vars));
    g.nodes[g.edges.back().from].outputs.push_back(g.edges.size() - 1);
    g.nodes[g.edges.back().to].inputs.push_back(g.edges.size() - 1);
  }
  sortTopologically(g);
  propagateRates(g);
  return g;
}

}  // namespace

std::vector<GraphSpec> GraphReader::readFile(const std::filesystem::path& file,
                                             const std::string& overrides,
                                             const SourceLocation& overridesAt) {
  return read(ConfigLoader::loadFile(file), overrides, overridesAt);
}

std::vector<GraphSpec> GraphReader::read(const ConfigNode& root, const std::string& overrides,
                                         const SourceLocation& overridesAt) {
  if (!root.isMap()) throw InputError(root.where, "a dataflow workload is a map with 'graphs:'");
  for (const auto& e : root.entries)
    if (e.key != "vars" && e.key != "graphs")
      throw InputError(e.keyAt,
                       fmt::format("unknown key '{}' (a workload takes vars, graphs)", e.key));
  std::vector<Definition> defs;
  if (const ConfigNode* v = root.find("vars")) {
    if (!v->isMap()) throw InputError(v->where, "'vars' must be a map of name: integer");
    for (const auto& e : v->entries) {
      if (!e.value.isScalar())
        throw InputError(e.value.where,
                         fmt::format("var '{}' must be an integer expression", e.key));
      defs.push_back({e.key, e.value.scalar, e.value.where});
    }
  }
  parseAssignments(overrides, defs, overridesAt);
  const Variables vars = evaluateAll(defs);
  const ConfigNode* graphs = root.find("graphs");
  if (!graphs || !graphs->isSequence() || graphs->items.empty())
    throw InputError(root.where, "a dataflow workload needs 'graphs:', a non-empty list of graphs");
  std::vector<GraphSpec> out;
  for (const auto& g : graphs->items) out.push_back(readGraph(g, vars));
  return out;
}

const char* tierName(Tier t) {
  return t == Tier::kHbm ? "hbm" : "ddr";
}

std::uint32_t elemBytes(ElemType t) {
  switch (t) {
    case ElemType::kF32:
    case ElemType::kI32:
      return 4;
    case ElemType::kBf16:
    case ElemType::kF16:
    case ElemType::kI16:
    case ElemType::kU16:
      return 2;
    case ElemType::kI8:
      return 1;
    case ElemType::kCtrl:
      return 0;
  }
  return 0;
}

bool usesTail(Op op) {
  return op == Op::kDiv || op == Op::kExp || op == Op::kSubExp || op == Op::kOnlineSoftmax;
}

}  // namespace xpusim::dataflow
