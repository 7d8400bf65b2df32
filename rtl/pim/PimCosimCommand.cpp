#include "rtl/pim/PimCosimCommand.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "rtl/cosim/RtlHarness.h"
#include "rtl/pim/PimCosim.h"
#include "sim/cli/Commands.h"

namespace xpusim::rtl {

namespace {

double rate(Cycle cycles, double seconds) {
  return seconds > 0 ? cycles / seconds : 0;
}

}  // namespace

void PimCosimCommand::addOptions(CLI::App& cmd) {
  preset_ = XPUSIM_PIM_DEFAULT_PRESET;
  cmd.add_option("--config", preset_, "PIM preset with a pim_device component (AiM)")
      ->capture_default_str();
  cmd.add_option("--ops", ops_, "commands in the random sequence, >= 1")->required();
  cmd.add_option("--seed", seed_, "seed of the sequence and its int8 operands")->required();
  cmd.add_option("--vcd", vcd_, "write the RTL's waveform as VCD");
  cmd.add_option("--window", window_, "cycles dumped to the waveform: FROM:TO");
}

int PimCosimCommand::run(std::ostream& out, std::ostream& err) {
  using cli::kExitBadInput;
  PimCosimCase c;
  c.preset = preset_;
  c.ops = ops_;
  c.seed = seed_;
  if (c.ops < 1) {
    fmt::print(err, "error: --ops must be at least 1\n");
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
  BankUnitDevice device;
  try {
    device = BankUnitDevice::load(c.preset);
  } catch (const InputError& e) {
    fmt::print(err, "error: {}\n", e.what());
    return kExitBadInput;
  }
  if (const std::string why = rtlMismatch(device); !why.empty()) {
    fmt::print(err, "error: --config {}: {}\n", c.preset.string(), why);
    return kExitBadInput;
  }

  const PimCosimResult r = runPimCosim(c, device);
  fmt::print(out, "cosim pim: AiM bank unit, {} commands, seed {} ({})\n", c.ops, c.seed,
             c.preset.filename().string());
  fmt::print(out, "  model: {} cycles, {} records, {:.3g} cycles/s\n", r.modelCycles,
             r.check.modelRecords, rate(r.modelCycles, r.modelSeconds));
  fmt::print(out, "  rtl:   {} cycles, {} records, {:.3g} cycles/s\n", r.rtlCycles,
             r.check.rtlRecords, rate(r.rtlCycles, r.rtlSeconds));
  fmt::print(out, "  streams (exact): {}\n", r.check.match ? "identical" : "DIFFER");
  if (r.protocolError) fmt::print(out, "  rtl flagged an illegal command\n");
  if (r.hung) fmt::print(out, "  rtl hung: no progress for {} cycles\n", kHangCycles);
  if (c.wave.file.size()) fmt::print(out, "  waveform: {}\n", c.wave.file);
  if (!r.check.match) fmt::print(out, "{}", r.check.diff);
  fmt::print(out, "{}\n", r.ok() ? "PASS" : "FAIL");
  return r.ok() ? cli::kExitOk : cli::kExitSimulationFailed;
}

XPUSIM_REGISTER_COSIM(PimCosimCommand, "pim",
                      "AiM bank-unit model vs Verilated RTL, a random command sequence")

}  // namespace xpusim::rtl
