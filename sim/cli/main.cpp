// The `xpusim` command: run, check and describe simulations; co-simulate models with RTL.
#include <CLI/CLI.hpp>

#include <iostream>

#include "rtl/cosim/CosimCommand.h"
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

  CosimRequest cosim;
  CLI::App* cosimCmd = app.add_subcommand("cosim", "co-simulate a model with its RTL");
  cosimCmd->require_subcommand(1);
  CLI::App* systolic =
      cosimCmd->add_subcommand("systolic", "systolic-array model vs Verilated RTL, one GEMM");
  systolic->add_option("--rows", cosim.rows, "PE rows, 1 to 16")->required();
  systolic->add_option("--cols", cosim.cols, "PE columns, 1 to 16")->required();
  systolic->add_option("--dataflow", cosim.dataflow, "os, ws or is")->required();
  systolic->add_option("--gemm", cosim.gemm, "MxNxK")->required();
  systolic->add_option("--seed", cosim.seed, "seed of the int8 operands")->required();
  auto* vcd = systolic->add_option("--vcd", cosim.vcd, "write the RTL's waveform as VCD");
  systolic->add_option("--fst", cosim.fst, "write the RTL's waveform as FST")->excludes(vcd);
  systolic->add_option("--window", cosim.window, "cycles dumped to the waveform: FROM:TO");
  systolic->add_flag("--relaxed", cosim.relaxed, "payloads must match, cycle deltas reported");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  if (*run) return runCommand(request, std::cout, std::cerr);
  if (*check) return checkCommand(request, std::cout, std::cerr);
  if (*cosimCmd) return cosimSystolicCommand(cosim, std::cout, std::cerr);
  return describeCommand(type, std::cout, std::cerr);
}
