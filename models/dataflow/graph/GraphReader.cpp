#include "models/dataflow/graph/GraphReader.h"

#include <fmt/format.h>

#include "models/dataflow/graph/ElementReader.h"
#include "models/dataflow/graph/Fields.h"
#include "models/dataflow/graph/RateAnalysis.h"
#include "sim/config/ConfigLoader.h"
#include "sim/config/Units.h"

namespace xpusim::dataflow {

namespace {

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

}  // namespace xpusim::dataflow
