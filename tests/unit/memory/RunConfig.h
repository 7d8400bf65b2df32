#pragma once
// Runs a config given as YAML text (with trace files beside it) and exposes its stats.
#include <memory>
#include <sstream>
#include <string>

#include "../config/ConfigFixture.h"

namespace xpusim::test {

struct Run {
  ConfigFolder folder;
  std::unique_ptr<Simulation> sim;
  RunResult result;

  double stat(const std::string& name) const { return sim->stats().value(name); }
  std::string json() const {
    std::ostringstream s;
    sim->stats().writeJson(s);
    return s.str();
  }
};

/// `files` are (name, contents) written next to config.yaml before it is loaded.
inline std::unique_ptr<Run> runConfig(
    const std::string& yaml, const std::vector<std::pair<std::string, std::string>>& files = {}) {
  auto run = std::make_unique<Run>();
  for (const auto& [name, text] : files) run->folder.write(name, text);
  run->sim =
      std::make_unique<Simulation>(ConfigLoader::loadFile(run->folder.write("config.yaml", yaml)));
  run->result = run->sim->run();
  return run;
}

}  // namespace xpusim::test
