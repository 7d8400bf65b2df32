#pragma once
#include "models/dataflow/graph/Expression.h"
#include "models/dataflow/graph/ProgramGraph.h"
#include "sim/config/ConfigNode.h"

namespace xpusim::dataflow {

/// Reads one node of a graph file (`name: {kind, ...}`): its kind's keys, copies and pins.
NodeSpec readNode(const std::string& name, const ConfigNode& node, const Variables& vars);
/// Reads one edge ({from, to, type, width, depth, reuse, fanout}) of graph `g`, whose nodes are
/// read; derives the fanout from the two ends' copy counts.
EdgeSpec readEdge(const GraphSpec& g, const ConfigNode& node, const Variables& vars);

}  // namespace xpusim::dataflow
