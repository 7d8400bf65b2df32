#include "rtl/pim/PimCosimCommand.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "rtl/cosim/CosimOutcome.h"
#include "rtl/pim/PimCosim.h"
#include "sim/cli/Commands.h"

namespace xpusim::rtl {

void PimCosimCommand::addOptions(CLI::App& cmd) {
  preset_ = XPUSIM_PIM_DEFAULT_PRESET;
  cmd.add_option("--config", preset_, "PIM preset with a pim_device component (AiM)")
      ->capture_default_str();
  cmd.add_option("--ops", ops_, "commands in the random sequence, >= 1")->required();
  cmd.add_option("--seed", seed_, "seed of the sequence and its int8 operands")->required();
  waves_.add(cmd);
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
  const auto wave = waves_.window(err);
  if (!wave) return kExitBadInput;
  c.wave = *wave;
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
  printSides(out, r, cosim::CheckMode::kExact);
  if (r.protocolError) fmt::print(out, "  rtl flagged an illegal command\n");
  return printVerdict(out, r, c.wave, r.ok());
}

XPUSIM_REGISTER_COSIM(PimCosimCommand, "pim",
                      "AiM bank-unit model vs Verilated RTL, a random command sequence")

}  // namespace xpusim::rtl
