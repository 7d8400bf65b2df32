#pragma once
#include <cstdint>
#include <limits>
#include <string>

#include "models/dataflow/cosim/LaneStimulus.h"
#include "rtl/cosim/CosimOutcome.h"
#include "rtl/cosim/WaveWindow.h"
#include "sim/cosim/StreamChecker.h"

namespace xpusim::rtl {

/// One PCU-lane co-simulation case: the lane case and how it was made (for the reproduce
/// command), the waveform, and the test-only perturbation of the model.
struct PcuCosimCase {
  dataflow::LaneCase lane;
  std::string programText = "random";  ///< --program as given ("random": drawn from the seed)
  std::string values = "random";       ///< ramp or random
  std::uint32_t inputGap = 0;          ///< --input-gap: largest idle gap before an input token
  std::uint64_t seed = 1;
  WaveWindow wave;  ///< a VCD of the RTL (traced build) when wave.file is set
  /// Test-only perturbation of the model: records at or after this cycle are one cycle late.
  Cycle modelDelayFrom = std::numeric_limits<Cycle>::max();

  /// Builds lane from the fields above (and lane.stages, ii, tokens, depths, stall already
  /// set); throws std::invalid_argument on a malformed program.
  void prepare();
};

/// Checks the options of `c` (stall pattern `stall`, drawn with c.seed; stages; program;
/// then the lane configuration) and builds c.lane (prepare()). Returns why the case cannot run,
/// naming its command-line option first ("--program 'div(in0,in1)': ..."), or "" when it can.
std::string preparePcuCase(PcuCosimCase& c, const std::string& stall);

/// What running the model and the RTL side by side gave.
struct PcuCosimResult : CosimOutcome {
  bool ok() const { return agrees(cosim::CheckMode::kExact); }
};

/// Runs the lane case through the dataflow model's canonical stream
/// (dataflow::modelLaneStream) and the Verilated RTL, and compares the streams exactly.
PcuCosimResult runPcuCosim(const PcuCosimCase& c);

/// The `xpusim cosim pcu ...` command line that re-runs `c` with a VCD around `cycle`.
std::string reproduceCommand(const PcuCosimCase& c, Cycle cycle);

}  // namespace xpusim::rtl
