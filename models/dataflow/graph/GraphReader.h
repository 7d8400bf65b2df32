#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "models/dataflow/graph/Expression.h"
#include "models/dataflow/graph/ProgramGraph.h"
#include "sim/config/ConfigNode.h"

namespace xpusim::dataflow {

/// Reads a dataflow workload file: `vars:` (integer variables, overridable), then `graphs:`, a
/// list of configurations run in order, each with `name`, optional `model_switch` (bytes moved
/// DDR -> HBM before it runs), `nodes:` (a map name -> {kind, ...}) and `edges:` (a list of
/// {from, to, type, width, depth, reuse, fanout}). Counts may be expressions of the variables.
/// Token counts are then propagated along the edges; any malformed field, unknown key, cycle
/// or rate mismatch is an InputError naming file, line and column.
class GraphReader {
 public:
  /// `overrides` ("N=16384,Q=16") replace the file's variables; `overridesAt` locates them.
  static std::vector<GraphSpec> readFile(const std::filesystem::path& file,
                                         const std::string& overrides = "",
                                         const SourceLocation& overridesAt = {});
  static std::vector<GraphSpec> read(const ConfigNode& root, const std::string& overrides,
                                     const SourceLocation& overridesAt);
};

}  // namespace xpusim::dataflow
