#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/flash/compute/PageBufferStream.h"
#include "rtl/cosim/CosimOutcome.h"
#include "rtl/cosim/WaveWindow.h"
#include "sim/core/Random.h"
#include "sim/cosim/StreamChecker.h"

namespace xpusim::rtl {

/// One page-buffer co-simulation case: `commands` commands of seeded data run back to back.
struct PageBufferCosimCase {
  enum class Op : std::uint8_t { kAnd, kOr, kMac };
  Op op = Op::kAnd;
  std::uint64_t pageBytes = 512;  ///< page (operand page or weight page) bytes
  /// Bitwise: sensed operands per command, spread over `blocks` blocks in contiguous groups
  /// (0: 1 block for and, one block per operand for or); MAC: 1.
  std::uint64_t operands = 1, blocks = 0;
  bool invert = false;          ///< bitwise: inverse read (NAND / NOR)
  std::uint64_t rowBytes = 64;  ///< MAC: input-vector (row) bytes
  double rber = 0;              ///< MAC: raw bit-error rate of the sensed page (on-die ECC)
  std::uint64_t commands = 1;
  std::uint64_t seed = 1;
  cosim::CheckMode mode = cosim::CheckMode::kExact;
  WaveWindow wave;  ///< a VCD of the RTL (traced build) when wave.file is set
  /// Test-only perturbation of the model: records at or after this cycle are one cycle late.
  Cycle modelDelayFrom = std::numeric_limits<Cycle>::max();
};

/// The operation's name on the command line: and, or or mac.
const char* pageBufferOpName(PageBufferCosimCase::Op op);

/// What running the model and the RTL side by side gave.
struct PageBufferCosimResult : CosimOutcome {
  cosim::Stream rtlStream;  ///< what the RTL did, for inspection
  /// MAC with rber > 0: what the on-die ECC did over all pages, and the row sums that still
  /// differ from the error-free page's.
  std::uint64_t flippedBits = 0, correctedBits = 0, failedEntries = 0, clipped = 0, rowsWrong = 0;
  bool ok() const { return agrees(cosim::CheckMode::kExact); }
};

/// Why `c` cannot run (sizes beyond the RTL's, inconsistent options), or "" when it can.
std::string pageBufferCaseError(const PageBufferCosimCase& c);

/// The case's `c.commands` commands with their data drawn from `random` (c.seed unused): bitwise
/// operand pages, or MAC input rows and weight pages sensed at c.rber and repaired by the on-die
/// ECC, what the ECC did tallied into `res`. `c` must pass pageBufferCaseError.
std::vector<flash::PageBufferCommand> pageBufferCommands(const PageBufferCosimCase& c,
                                                         Random& random,
                                                         PageBufferCosimResult& res);

/// The model's canonical stream of `commands` (flash::pageBufferStream on the RTL's word, the
/// device's default sensing limits, c.modelDelayFrom applied). Throws std::invalid_argument when
/// the operands break the sensing's limits.
cosim::Stream pageBufferModelStream(const PageBufferCosimCase& c,
                                    const std::vector<flash::PageBufferCommand>& commands);

/// Runs `c`: the model's canonical stream (flash::pageBufferStream) against the Verilated
/// page_buffer_unit, compared record by record. Throws std::invalid_argument when the case is
/// invalid (pageBufferCaseError) or the model rejects the operands (sensing limits).
PageBufferCosimResult runPageBufferCosim(const PageBufferCosimCase& c);

/// The `xpusim cosim flash ...` command line that re-runs `c` with a VCD around `cycle`.
std::string reproduceCommand(const PageBufferCosimCase& c, Cycle cycle);

}  // namespace xpusim::rtl
