#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/MemoryPort.h"
#include "sim/core/Tick.h"

namespace xpusim {

/// One access of a memory trace.
struct TraceRecord {
  Cycle cycle = 0;  ///< earliest issue cycle, in cycles of the player's clock (0 = at once)
  MemOp op = MemOp::kRead;
  Addr addr = 0;
  std::uint32_t bytes = 0;
};

/// Memory trace formats the players read.
enum class TraceFormat {
  kAuto,       ///< decided from the first data line
  kDramsim3,   ///< `<hexaddr> READ|WRITE <cycle>` (DRAMsim3 text traces)
  kRamulator,  ///< `LD|ST <addr>` (Ramulator 2.0 load/store traces; no timestamps)
  kCsv,        ///< header `cycle,op,addr,bytes`, then rows; op R|W|READ|WRITE
};

/// Reads memory traces. Blank lines and lines starting with '#' are skipped; N data lines give
/// exactly N records whether or not the file ends with a newline. A malformed line is an
/// InputError naming file, line, column and what was expected.
class MemoryTraceReader {
 public:
  /// `defaultBytes` sizes the records of formats without a size column.
  static std::vector<TraceRecord> readFile(const std::filesystem::path& file, TraceFormat format,
                                           std::uint32_t defaultBytes);
  static std::vector<TraceRecord> parse(std::string_view text, const std::string& source,
                                        TraceFormat format, std::uint32_t defaultBytes);
  /// "auto", "dramsim3", "ramulator", "csv" -> format.
  static TraceFormat formatNamed(std::string_view name);
};

}  // namespace xpusim
