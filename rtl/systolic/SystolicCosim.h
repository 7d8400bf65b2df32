#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/systolic/Dataflow.h"
#include "rtl/cosim/CosimOutcome.h"
#include "rtl/systolic/SystolicRtlDriver.h"
#include "sim/cosim/StreamChecker.h"

namespace xpusim::rtl {

/// One systolic-array co-simulation case.
struct SystolicCosimCase {
  std::uint64_t rows = 4, cols = 4;
  systolic::Dataflow dataflow = systolic::Dataflow::kOutputStationary;
  systolic::GemmShape gemm{4, 4, 4};
  std::uint64_t seed = 1;
  cosim::CheckMode mode = cosim::CheckMode::kExact;
  WaveWindow wave;  ///< a VCD or FST of the RTL (traced build) when wave.file is set
  /// Test-only perturbation of the model: records at or after this cycle are one cycle late.
  Cycle modelDelayFrom = std::numeric_limits<Cycle>::max();
};

/// What running the model and the RTL side by side gave.
struct SystolicCosimResult : CosimOutcome {
  std::uint64_t valueMismatches = 0;  ///< RTL Out values differing from the plain GEMM
  bool ok() const { return agrees(cosim::CheckMode::kExact) && valueMismatches == 0; }
};

/// Runs one GEMM of int8 operands drawn from `seed` through the model's canonical stream
/// (systolic::modelStream) and the Verilated RTL, then compares the streams and checks the
/// RTL's Out against FunctionalGemm::reference.
SystolicCosimResult runSystolicCosim(const SystolicCosimCase& c);

/// The `xpusim cosim systolic ...` command line that re-runs `c` with a VCD around `cycle`.
std::string reproduceCommand(const SystolicCosimCase& c, Cycle cycle);

}  // namespace xpusim::rtl
