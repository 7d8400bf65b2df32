#include "rtl/systolic/SystolicCosimCommand.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "rtl/cosim/CosimOutcome.h"
#include "rtl/systolic/GemmShapeText.h"
#include "rtl/systolic/SystolicCosim.h"
#include "sim/cli/Commands.h"

namespace xpusim::rtl {

void SystolicCosimCommand::addOptions(CLI::App& cmd) {
  cmd.add_option("--rows", rows_, "PE rows, 1 to 16")->required();
  cmd.add_option("--cols", cols_, "PE columns, 1 to 16")->required();
  cmd.add_option("--dataflow", dataflow_, "os, ws or is")->required();
  cmd.add_option("--gemm", gemm_, "MxNxK")->required();
  cmd.add_option("--seed", seed_, "seed of the int8 operands")->required();
  waves_.add(cmd, /*fst=*/true);
  cmd.add_flag("--relaxed", relaxed_, "payloads must match, cycle deltas reported");
}

int SystolicCosimCommand::run(std::ostream& out, std::ostream& err) {
  using cli::kExitBadInput;
  SystolicCosimCase c;
  c.rows = rows_;
  c.cols = cols_;
  if (c.rows < 1 || c.rows > kMaxRtlDim || c.cols < 1 || c.cols > kMaxRtlDim) {
    fmt::print(err, "error: --rows and --cols must be 1 to {} (the RTL's size)\n", kMaxRtlDim);
    return kExitBadInput;
  }
  try {
    c.dataflow = systolic::dataflowNamed(dataflow_);
  } catch (const std::invalid_argument& e) {
    fmt::print(err, "error: --dataflow: {}\n", e.what());
    return kExitBadInput;
  }
  const auto shape = parseGemmShape(gemm_);
  if (!shape) {
    fmt::print(err, "error: --gemm '{}': expected MxNxK with M, N, K >= 1\n", gemm_);
    return kExitBadInput;
  }
  c.gemm = *shape;
  c.seed = seed_;
  c.mode = relaxed_ ? cosim::CheckMode::kRelaxed : cosim::CheckMode::kExact;
  const auto wave = waves_.window(err);
  if (!wave) return kExitBadInput;
  c.wave = *wave;

  const SystolicCosimResult r = runSystolicCosim(c);
  fmt::print(out, "cosim systolic {}x{} {} gemm {}x{}x{} seed {}\n", c.rows, c.cols, dataflow_,
             c.gemm.m, c.gemm.n, c.gemm.k, c.seed);
  printSides(out, r, c.mode);
  fmt::print(out, "  values vs plain GEMM: {} mismatches\n", r.valueMismatches);
  return printVerdict(out, r, c.wave, r.agrees(c.mode) && r.valueMismatches == 0);
}

XPUSIM_REGISTER_COSIM(SystolicCosimCommand, "systolic",
                      "systolic-array model vs Verilated RTL, one GEMM")

}  // namespace xpusim::rtl
