#pragma once
// Runs a dataflow preset on a graph (a file of the repository or YAML text) and reaches the
// rdu component of the run.
#include <memory>
#include <string>

#include "../memory/RunConfig.h"
#include "models/dataflow/Rdu.h"

namespace xpusim::test {

inline std::string presetPath(const std::string& name) {
  return std::string(XPUSIM_SOURCE_DIR) + "/configs/dataflow/" + name + ".yaml";
}
inline std::string workloadPath(const std::string& name) {
  return std::string(XPUSIM_SOURCE_DIR) + "/workloads/dataflow/" + name + ".yaml";
}

/// The config text: `preset` with the rdu reading `graph` plus the extra rdu keys `rduKeys`
/// (YAML lines, each indented by four spaces).
inline std::string dataflowConfig(const std::string& preset, const std::string& graph,
                                  const std::string& rduKeys = "") {
  return "extends: " + presetPath(preset) + "\ncomponents:\n  rdu:\n    graph: " + graph + "\n" +
         rduKeys;
}

/// Runs `preset` on the repository workload `name`.
inline std::unique_ptr<Run> runWorkload(const std::string& preset, const std::string& name,
                                        const std::string& rduKeys = "") {
  return runConfig(dataflowConfig(preset, workloadPath(name), rduKeys));
}

/// Runs `preset` on the graph file text `graphText`.
inline std::unique_ptr<Run> runGraph(const std::string& preset, const std::string& graphText,
                                     const std::string& rduKeys = "") {
  return runConfig(dataflowConfig(preset, "graph.yaml", rduKeys), {{"graph.yaml", graphText}});
}

inline const dataflow::Rdu& rduOf(const Run& run) {
  return dynamic_cast<const dataflow::Rdu&>(*run.sim->find("system.rdu"));
}

}  // namespace xpusim::test
