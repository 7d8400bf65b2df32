#include "rtl/cosim/CosimOutcome.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "rtl/cosim/RtlHarness.h"
#include "sim/cli/Commands.h"

namespace xpusim::rtl {

namespace {

double cyclesPerSecond(Cycle cycles, double seconds) {
  return seconds > 0 ? cycles / seconds : 0;
}

}  // namespace

Cycle streamCycles(const cosim::Stream& s) {
  return s.records.empty() ? 0 : s.records.back().cycle + 1;
}

void printSides(std::ostream& out, const CosimOutcome& o, cosim::CheckMode mode) {
  const bool relaxed = mode == cosim::CheckMode::kRelaxed;
  fmt::print(out, "  model: {} cycles, {} records, {:.3g} cycles/s\n", o.modelCycles,
             o.check.modelRecords, cyclesPerSecond(o.modelCycles, o.modelSeconds));
  fmt::print(out, "  rtl:   {} cycles, {} records, {:.3g} cycles/s\n", o.rtlCycles,
             o.check.rtlRecords, cyclesPerSecond(o.rtlCycles, o.rtlSeconds));
  fmt::print(out, "  streams ({}): {}\n", relaxed ? "relaxed" : "exact",
             o.check.match ? "identical" : "DIFFER");
  if (relaxed)
    fmt::print(out, "  cycle deltas: {} records, max {}\n", o.check.cycleDeltas,
               o.check.maxCycleDelta);
}

int printVerdict(std::ostream& out, const CosimOutcome& o, const WaveWindow& wave, bool ok) {
  if (o.hung) fmt::print(out, "  rtl hung: no progress for {} cycles\n", kHangCycles);
  if (!wave.file.empty()) fmt::print(out, "  waveform: {}\n", wave.file);
  if (!o.check.match) fmt::print(out, "{}", o.check.diff);
  fmt::print(out, "{}\n", ok ? "PASS" : "FAIL");
  return ok ? cli::kExitOk : cli::kExitSimulationFailed;
}

}  // namespace xpusim::rtl
