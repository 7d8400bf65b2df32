#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/Tick.h"

namespace xpusim::flash {

/// One host request of an MQSim-style trace.
struct SsdRequest {
  Tick arrival = 0;           ///< ps
  std::uint64_t device = 0;   ///< device number
  std::uint64_t lba = 0;      ///< first 512 B sector
  std::uint64_t sectors = 0;  ///< size in 512 B sectors
  bool write = false;
};

/// Reads MQSim ASCII traces: `time device lba sectors type` per line, type 0 = write, 1 = read
/// (MQSim `ASCII_Trace_Definition.h`), whitespace separated; '#' lines and blank lines skipped.
/// Times are integer counts of `timeUnit` (MQSim: ns). A time with a decimal point or a unit
/// suffix other than `timeUnit`, a decreasing time, a zero size or a bad type is an InputError
/// naming file:line:column and what was expected.
class SsdTraceReader {
 public:
  static constexpr std::uint64_t kSectorBytes = 512;
  /// `timeUnit` is "ns", "us" or "ms".
  static std::vector<SsdRequest> readFile(const std::filesystem::path& file,
                                          const std::string& timeUnit);
  static std::vector<SsdRequest> parse(std::string_view text, const std::string& source,
                                       const std::string& timeUnit);
};

}  // namespace xpusim::flash
