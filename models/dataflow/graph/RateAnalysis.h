#pragma once
#include "models/dataflow/graph/ProgramGraph.h"

namespace xpusim::dataflow {

/// Orders the nodes of `g` so every edge goes forward (GraphSpec::order); a cycle is an
/// InputError naming a node on it.
void sortTopologically(GraphSpec& g);
/// Derives per-copy token counts and firings along the edges in topological order (sources
/// emit `tokens`, compute nodes fire once per input token x reuse, memories emit their tiles
/// `reuse` times); a missing edge, an op's wrong input count, a rate mismatch or uneven
/// dealing is an InputError.
void propagateRates(GraphSpec& g);

}  // namespace xpusim::dataflow
