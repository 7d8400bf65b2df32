#pragma once
#include <chrono>
#include <functional>
#include <ostream>
#include <string>

#include "rtl/cosim/WaveWindow.h"
#include "sim/cosim/StreamChecker.h"

namespace xpusim::rtl {

/// What every co-simulation run measures, whatever the block: both sides' cycles, their wall
/// time (speed report only), the stream check and whether the RTL hung. A block's result
/// derives from it and adds its own checks.
struct CosimOutcome {
  Cycle modelCycles = 0, rtlCycles = 0;
  double modelSeconds = 0, rtlSeconds = 0;
  cosim::CheckResult check;
  bool hung = false;  ///< the RTL made no progress for kHangCycles cycles

  /// The streams agree and the RTL did not hang; exact mode also needs equal cycle counts.
  bool agrees(cosim::CheckMode mode) const {
    return check.match && !hung && (mode == cosim::CheckMode::kRelaxed || modelCycles == rtlCycles);
  }
};

/// Wall seconds since construction (for the speed report, never for results).
class Stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

/// Cycles a canonical stream spans: its last record's cycle + 1 (0 when empty).
Cycle streamCycles(const cosim::Stream& s);

/// Prints what every `xpusim cosim` target reports after its header line: each side's cycles,
/// records and cycles per second, and the stream verdict (with the cycle deltas in relaxed mode).
void printSides(std::ostream& out, const CosimOutcome& o, cosim::CheckMode mode);

/// Prints the end of the report (a hang, the waveform written, the first difference with its
/// reproduce command) and PASS or FAIL; returns the exit code (0 when `ok`, else 1).
int printVerdict(std::ostream& out, const CosimOutcome& o, const WaveWindow& wave, bool ok);

}  // namespace xpusim::rtl
