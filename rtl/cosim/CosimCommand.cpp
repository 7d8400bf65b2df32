#include "rtl/cosim/CosimCommand.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <charconv>

#include "rtl/adapter/GemmShapeText.h"
#include "sim/cli/Commands.h"

namespace xpusim::cli {

namespace {

/// "FROM:TO" -> the window's bounds; false when malformed.
bool parseWindow(const std::string& text, rtl::WaveWindow& w) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return false;
  const char* s = text.data();
  auto a = std::from_chars(s, s + colon, w.from);
  auto b = std::from_chars(s + colon + 1, s + text.size(), w.to);
  return a.ec == std::errc() && a.ptr == s + colon && b.ec == std::errc() &&
         b.ptr == s + text.size() && w.from <= w.to;
}

double rate(Cycle cycles, double seconds) {
  return seconds > 0 ? cycles / seconds : 0;
}

}  // namespace

int cosimSystolicCommand(const CosimRequest& req, std::ostream& out, std::ostream& err) {
  rtl::SystolicCosimCase c;
  c.rows = req.rows;
  c.cols = req.cols;
  if (c.rows < 1 || c.rows > rtl::kMaxRtlDim || c.cols < 1 || c.cols > rtl::kMaxRtlDim) {
    fmt::print(err, "error: --rows and --cols must be 1 to {} (the RTL's size)\n", rtl::kMaxRtlDim);
    return kExitBadInput;
  }
  try {
    c.dataflow = systolic::dataflowNamed(req.dataflow);
  } catch (const std::invalid_argument& e) {
    fmt::print(err, "error: --dataflow: {}\n", e.what());
    return kExitBadInput;
  }
  const auto shape = rtl::parseGemmShape(req.gemm);
  if (!shape) {
    fmt::print(err, "error: --gemm '{}': expected MxNxK with M, N, K >= 1\n", req.gemm);
    return kExitBadInput;
  }
  c.gemm = *shape;
  c.seed = req.seed;
  c.mode = req.relaxed ? cosim::CheckMode::kRelaxed : cosim::CheckMode::kExact;
  if (req.fst) {
    fmt::print(err,
               "error: --fst: this build has no FST-traced RTL variant (FST costs ~5x VCD's "
               "CPU); use --vcd\n");
    return kExitBadInput;
  }
  if (req.vcd) c.wave.file = *req.vcd;
  if (req.window && !parseWindow(*req.window, c.wave)) {
    fmt::print(err, "error: --window '{}': expected FROM:TO cycles with FROM <= TO\n", *req.window);
    return kExitBadInput;
  }

  const rtl::SystolicCosimResult r = rtl::runSystolicCosim(c);
  fmt::print(out, "cosim systolic {}x{} {} gemm {}x{}x{} seed {}\n", c.rows, c.cols, req.dataflow,
             c.gemm.m, c.gemm.n, c.gemm.k, c.seed);
  fmt::print(out, "  model: {} cycles, {} records, {:.3g} cycles/s\n", r.modelCycles,
             r.check.modelRecords, rate(r.modelCycles, r.modelSeconds));
  fmt::print(out, "  rtl:   {} cycles, {} records, {:.3g} cycles/s\n", r.rtlCycles,
             r.check.rtlRecords, rate(r.rtlCycles, r.rtlSeconds));
  fmt::print(out, "  streams ({}): {}\n", req.relaxed ? "relaxed" : "exact",
             r.check.match ? "identical" : "DIFFER");
  if (req.relaxed)
    fmt::print(out, "  cycle deltas: {} records, max {}\n", r.check.cycleDeltas,
               r.check.maxCycleDelta);
  fmt::print(out, "  values vs plain GEMM: {} mismatches\n", r.valueMismatches);
  if (c.wave.file.size()) fmt::print(out, "  waveform: {}\n", c.wave.file);
  if (!r.check.match) fmt::print(out, "{}", r.check.diff);
  const bool ok =
      r.check.match && r.valueMismatches == 0 && (req.relaxed || r.modelCycles == r.rtlCycles);
  fmt::print(out, "{}\n", ok ? "PASS" : "FAIL");
  return ok ? kExitOk : kExitSimulationFailed;
}

}  // namespace xpusim::cli
