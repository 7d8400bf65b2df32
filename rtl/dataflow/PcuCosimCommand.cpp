#include "rtl/dataflow/PcuCosimCommand.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "rtl/dataflow/PcuCosim.h"
#include "sim/cli/Commands.h"

namespace xpusim::rtl {

namespace {

double rate(Cycle cycles, double seconds) {
  return seconds > 0 ? cycles / seconds : 0;
}

}  // namespace

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
  cmd.add_option("--vcd", vcd_, "write the RTL's waveform as VCD");
  cmd.add_option("--window", window_, "cycles dumped to the waveform: FROM:TO");
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
  if (vcd_) c.wave.file = *vcd_;
  if (window_) {
    const auto w = parseCycleWindow(*window_);
    if (!w) {
      fmt::print(err, "error: --window '{}': expected FROM:TO cycles with FROM <= TO\n", *window_);
      return kExitBadInput;
    }
    std::tie(c.wave.from, c.wave.to) = *w;
  }

  const PcuCosimResult r = runPcuCosim(c);
  fmt::print(out, "cosim pcu {} stages ii {} program {} tokens {} seed {} stall {}\n",
             c.lane.stages, c.lane.ii, c.lane.program.text(), c.lane.tokens, c.seed, stall_);
  fmt::print(out, "  model: {} cycles, {} records, {:.3g} cycles/s\n", r.modelCycles,
             r.check.modelRecords, rate(r.modelCycles, r.modelSeconds));
  fmt::print(out, "  rtl:   {} cycles, {} records, {:.3g} cycles/s\n", r.rtlCycles,
             r.check.rtlRecords, rate(r.rtlCycles, r.rtlSeconds));
  fmt::print(out, "  streams (exact): {}\n", r.check.match ? "identical" : "DIFFER");
  if (c.wave.file.size()) fmt::print(out, "  waveform: {}\n", c.wave.file);
  if (!r.check.match) fmt::print(out, "{}", r.check.diff);
  fmt::print(out, "{}\n", r.ok() ? "PASS" : "FAIL");
  return r.ok() ? cli::kExitOk : cli::kExitSimulationFailed;
}

XPUSIM_REGISTER_COSIM(PcuCosimCommand, "pcu",
                      "PCU lane (dataflow model) vs Verilated RTL, one stage program")

}  // namespace xpusim::rtl
