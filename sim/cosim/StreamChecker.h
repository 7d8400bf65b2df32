#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "sim/cosim/StreamRecord.h"

namespace xpusim::cosim {

/// How two streams must agree.
enum class CheckMode : std::uint8_t {
  kExact,    ///< identical records: cycle, port, lane and value
  kRelaxed,  ///< per port the same (lane, value) sequence; cycle deltas are only reported
};

/// The verdict of comparing a model's stream with the RTL's.
struct CheckResult {
  bool match = true;
  std::size_t modelRecords = 0, rtlRecords = 0;
  /// Relaxed mode: records whose cycles differ and the largest |delta| (cycles).
  std::size_t cycleDeltas = 0;
  std::uint64_t maxCycleDelta = 0;
  /// Empty on a match; else the first difference with `context` records either side.
  std::string diff;
};

/// Compares two canonical streams record by record (OTBN-style lockstep checker: stops at the
/// first difference). `reproduce(cycle)` gives the command line that re-runs the case with a
/// waveform around `cycle`, the first difference's; it is printed under the diff.
CheckResult compareStreams(const Stream& model, const Stream& rtl, CheckMode mode,
                           const std::function<std::string(Cycle)>& reproduce,
                           std::size_t context = 4);

/// "cycle 12 result[3] = -517".
std::string formatRecord(const Stream& s, const StreamRecord& r);

}  // namespace xpusim::cosim
