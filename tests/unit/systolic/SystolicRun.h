#pragma once
// Runs a systolic-array config written as YAML text (topology files beside it), with an output
// folder, and exposes the array's per-layer results, stats and report files.
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "../config/ConfigFixture.h"
#include "models/systolic/SystolicArray.h"

namespace xpusim::test {

struct SystolicRun {
  ConfigFolder folder;
  std::unique_ptr<Simulation> sim;
  RunResult result;

  double stat(const std::string& name) const { return sim->stats().value("system.array." + name); }
  const systolic::SystolicArray& array() const {
    return dynamic_cast<const systolic::SystolicArray&>(*sim->find("system.array"));
  }
  const systolic::LayerResult& layer(std::size_t i = 0) const {
    return array().layerResults().at(i);
  }
  std::string file(const std::string& name) const {
    std::ifstream in(folder.dir() / "out" / name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

/// Builds and runs `root` (a loaded config) with the output folder `<tmp>/out`.
inline std::unique_ptr<SystolicRun> runRoot(std::unique_ptr<SystolicRun> run, ConfigNode root) {
  run->sim = std::make_unique<Simulation>(std::move(root));
  run->sim->setOutputDir(run->folder.dir() / "out");
  run->result = run->sim->run();
  return run;
}

/// An array `array:` with the given YAML keys (indented map body) running `topology` text.
inline std::unique_ptr<SystolicRun> runArray(const std::string& arrayKeys,
                                             const std::string& topology,
                                             const std::string& extraComponents = "") {
  auto run = std::make_unique<SystolicRun>();
  run->folder.write("topo.csv", topology);
  const std::string yaml =
      "components:\n  array:\n    type: systolic_array\n"
      "    topology: topo.csv\n" +
      arrayKeys + extraComponents;
  return runRoot(std::move(run), ConfigLoader::loadFile(run->folder.write("config.yaml", yaml)));
}

/// The reference topology `name` (e.g. "test.csv") from reference/data/scalesim/topologies.
inline std::string referenceTopology(const std::string& name) {
  std::ifstream in(std::string(XPUSIM_REFERENCE_DIR) + "/data/scalesim/topologies/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace xpusim::test
