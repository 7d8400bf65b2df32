#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "models/pim/BankUnitStream.h"
#include "rtl/cosim/CosimOutcome.h"
#include "rtl/cosim/WaveWindow.h"
#include "sim/cosim/StreamChecker.h"

namespace xpusim::rtl {

/// One AiM bank-unit co-simulation case: a random legal command sequence of `ops` commands
/// drawn from `seed` on the device of a PIM preset.
struct PimCosimCase {
  std::filesystem::path preset;  ///< a PIM preset with a pim_device component
  std::uint64_t ops = 200;
  std::uint64_t seed = 1;
  WaveWindow wave;  ///< a VCD of the RTL (traced build) when wave.file is set
  /// Test-only perturbation of the model: this timing parameter one cycle longer.
  Cycle DramTiming::*modelLonger = nullptr;
};

/// What running the model and the RTL side by side gave.
struct PimCosimResult : CosimOutcome {
  bool protocolError = false;  ///< the RTL flagged an illegal command
  bool ok() const { return agrees(cosim::CheckMode::kExact) && !protocolError; }
};

/// Why `device` does not fit the RTL as synthesised (16 lanes of a 32-byte column, 64 buffer
/// entries, 64 columns per row, 2^14 rows, 8-bit timing parameters, 32 RD_MAC results in
/// flight); empty when it fits.
std::string rtlMismatch(const BankUnitDevice& device);

/// Runs the case through the model's canonical stream (bankUnitStream) and the Verilated RTL
/// and compares the streams exactly. The device must fit the RTL (rtlMismatch empty).
PimCosimResult runPimCosim(const PimCosimCase& c, const BankUnitDevice& device);
/// The same for a given legal command sequence (`c.ops` and `c.seed` only name the case).
PimCosimResult runPimCosim(const PimCosimCase& c, const BankUnitDevice& device,
                           const std::vector<BankUnitCommand>& commands);

/// The `xpusim cosim pim ...` command line that re-runs `c` with a VCD around `cycle`.
std::string reproduceCommand(const PimCosimCase& c, Cycle cycle);

}  // namespace xpusim::rtl
