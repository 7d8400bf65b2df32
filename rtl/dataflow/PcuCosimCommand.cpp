#include "rtl/dataflow/PcuCosimCommand.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "rtl/cosim/CosimOutcome.h"
#include "rtl/dataflow/PcuCosim.h"
#include "sim/cli/Commands.h"

namespace xpusim::rtl {

void PcuCosimCommand::addOptions(CLI::App& cmd) {
  cmd.add_option("--stages", stages_, "pipeline stages mapped, 1 to 8")->required();
  cmd.add_option(
      "--program", program_,
      "stage ops, e.g. 'fma(in0,in1,in2);max(prev,#0)' (pass/add/sub/mul/max/fma on "
      "in0-in2, prev, #const; later stages pass; values must fit 32-bit signed), or random "
      "(drawn from --seed, kept within 32 bits)");
  cmd.add_option("--tokens", tokens_, "firings (tokens per input)")->required();
  cmd.add_option("--seed", seed_, "seed of the values, gaps, random program and stalls")
      ->required();
  cmd.add_option("--ii", ii_, "initiation interval, cycles, 1 to 15");
  cmd.add_option("--values", values_, "input values: ramp (input k token i = 32k + i) or random")
      ->check(CLI::IsMember({"ramp", "random"}));
  cmd.add_option("--input-depth", inputDepth_, "input FIFO capacity, 1 to 8");
  cmd.add_option("--output-depth", outputDepth_, "output FIFO capacity, 1 to 8");
  cmd.add_option("--input-gap", inputGap_, "largest random idle gap before an input token");
  cmd.add_option(
      "--stall-pattern", stall_,
      "consumer: none, a repeating pattern of r (ready) and s (stall) with at least one r, "
      "or random:PCT (0 to 99)");
  waves_.add(cmd);
}

int PcuCosimCommand::run(std::ostream& out, std::ostream& err) {
  using cli::kExitBadInput;
  PcuCosimCase c;
  c.lane.stages = stages_;
  c.lane.ii = ii_;
  c.lane.tokens = tokens_;
  c.lane.inputDepth = inputDepth_;
  c.lane.outputDepth = outputDepth_;
  c.programText = program_;
  c.values = values_;
  c.inputGap = inputGap_;
  c.seed = seed_;
  if (const std::string bad = preparePcuCase(c, stall_); !bad.empty()) {
    fmt::print(err, "error: {}\n", bad);
    return kExitBadInput;
  }
  const auto wave = waves_.window(err);
  if (!wave) return kExitBadInput;
  c.wave = *wave;

  const PcuCosimResult r = runPcuCosim(c);
  fmt::print(out, "cosim pcu {} stages ii {} program {} tokens {} seed {} stall {}\n",
             c.lane.stages, c.lane.ii, c.lane.program.text(), c.lane.tokens, c.seed, stall_);
  printSides(out, r, cosim::CheckMode::kExact);
  return printVerdict(out, r, c.wave, r.ok());
}

XPUSIM_REGISTER_COSIM(PcuCosimCommand, "pcu",
                      "PCU lane (dataflow model) vs Verilated RTL, one stage program")

}  // namespace xpusim::rtl
