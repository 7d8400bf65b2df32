// The `xpusim` command: run, check and describe simulations; co-simulate models with RTL.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <utility>
#include <vector>

#include "rtl/cosim/CosimTarget.h"
#include "sim/cli/Commands.h"

int main(int argc, char** argv) {
  using namespace xpusim::cli;
  CLI::App app{"xpusim: a cycle-level simulator for AI hardware"};
  app.set_version_flag("--version", std::string("xpusim ") + XPUSIM_VERSION);
  app.require_subcommand(1);

  RunRequest request;
  auto addRunOptions = [&](CLI::App* cmd) {
    cmd->add_option("config", request.config, "YAML config of the system")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--workload", request.workload, "workload file (trace, topology...)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--set", request.overrides, "override a config key: path.to.key=value")
        ->allow_extra_args(false);
    cmd->add_option("--seed", request.seed, "seed of the run's random streams");
    cmd->add_flag("--quiet,-q", request.quiet, "print nothing but errors");
  };
  CLI::App* run = app.add_subcommand("run", "simulate a config and write its outputs");
  addRunOptions(run);
  run->add_option("--out", request.outDir, "output folder (default out/<config name>/)");
  run->add_flag("--trace", request.trace, "also write a Perfetto timeline (trace.json)");
  CLI::App* check = app.add_subcommand("check", "build a config without simulating it");
  addRunOptions(check);

  std::optional<std::string> type;
  CLI::App* describe = app.add_subcommand("describe", "list component types, or describe one");
  describe->add_option("type", type, "a component type");

  CLI::App* cosimCmd = app.add_subcommand("cosim", "co-simulate a model with its RTL");
  cosimCmd->require_subcommand(1);
  std::vector<std::pair<CLI::App*, std::unique_ptr<xpusim::rtl::CosimTarget>>> cosimRuns;
  for (const auto& entry : xpusim::rtl::cosimTargets()) {
    auto target = entry.make();
    CLI::App* sub = cosimCmd->add_subcommand(entry.name, entry.help);
    target->addOptions(*sub);
    cosimRuns.emplace_back(sub, std::move(target));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  if (*run) return runCommand(request, std::cout, std::cerr);
  if (*check) return checkCommand(request, std::cout, std::cerr);
  for (auto& [sub, target] : cosimRuns)
    if (*sub) return target->run(std::cout, std::cerr);
  return describeCommand(type, std::cout, std::cerr);
}
