#include "rtl/systolic/SystolicCosimCommand.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "rtl/systolic/GemmShapeText.h"
#include "rtl/systolic/SystolicCosim.h"
#include "sim/cli/Commands.h"

namespace xpusim::rtl {

namespace {

double rate(Cycle cycles, double seconds) {
  return seconds > 0 ? cycles / seconds : 0;
}

}  // namespace

void SystolicCosimCommand::addOptions(CLI::App& cmd) {
  cmd.add_option("--rows", rows_, "PE rows, 1 to 16")->required();
  cmd.add_option("--cols", cols_, "PE columns, 1 to 16")->required();
  cmd.add_option("--dataflow", dataflow_, "os, ws or is")->required();
  cmd.add_option("--gemm", gemm_, "MxNxK")->required();
  cmd.add_option("--seed", seed_, "seed of the int8 operands")->required();
  auto* vcd = cmd.add_option("--vcd", vcd_, "write the RTL's waveform as VCD");
  cmd.add_option("--fst", fst_, "write the RTL's waveform as FST")->excludes(vcd);
  cmd.add_option("--window", window_, "cycles dumped to the waveform: FROM:TO");
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
  if (vcd_) c.wave.file = *vcd_;
  if (fst_) {
    c.wave.file = *fst_;
    c.wave.format = WaveFormat::kFst;
  }
  if (window_ && c.wave.file.empty()) {
    fmt::print(err, "error: --window needs --vcd or --fst (the waveform it limits)\n");
    return kExitBadInput;
  }
  if (window_) {
    const auto w = parseCycleWindow(*window_);
    if (!w) {
      fmt::print(err, "error: --window '{}': expected FROM:TO cycles with FROM <= TO\n", *window_);
      return kExitBadInput;
    }
    std::tie(c.wave.from, c.wave.to) = *w;
  }

  const SystolicCosimResult r = runSystolicCosim(c);
  fmt::print(out, "cosim systolic {}x{} {} gemm {}x{}x{} seed {}\n", c.rows, c.cols, dataflow_,
             c.gemm.m, c.gemm.n, c.gemm.k, c.seed);
  fmt::print(out, "  model: {} cycles, {} records, {:.3g} cycles/s\n", r.modelCycles,
             r.check.modelRecords, rate(r.modelCycles, r.modelSeconds));
  fmt::print(out, "  rtl:   {} cycles, {} records, {:.3g} cycles/s\n", r.rtlCycles,
             r.check.rtlRecords, rate(r.rtlCycles, r.rtlSeconds));
  fmt::print(out, "  streams ({}): {}\n", relaxed_ ? "relaxed" : "exact",
             r.check.match ? "identical" : "DIFFER");
  if (relaxed_)
    fmt::print(out, "  cycle deltas: {} records, max {}\n", r.check.cycleDeltas,
               r.check.maxCycleDelta);
  fmt::print(out, "  values vs plain GEMM: {} mismatches\n", r.valueMismatches);
  if (c.wave.file.size()) fmt::print(out, "  waveform: {}\n", c.wave.file);
  if (r.hung) fmt::print(out, "  rtl hung: no progress for {} cycles\n", kHangCycles);
  if (!r.check.match) fmt::print(out, "{}", r.check.diff);
  const bool ok = r.check.match && !r.hung && r.valueMismatches == 0 &&
                  (relaxed_ || r.modelCycles == r.rtlCycles);
  fmt::print(out, "{}\n", ok ? "PASS" : "FAIL");
  return ok ? cli::kExitOk : cli::kExitSimulationFailed;
}

XPUSIM_REGISTER_COSIM(SystolicCosimCommand, "systolic",
                      "systolic-array model vs Verilated RTL, one GEMM")

}  // namespace xpusim::rtl
