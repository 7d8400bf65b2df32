#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/Tick.h"

namespace xpusim::flash {

/// What a trace request asks: MQSim's write (type 0) and read (1), and xpusim's in-flash bulk
/// bitwise extension: 2 = AND of the operand pages (word lines of one block), 3 = OR (the same
/// word line of several blocks), each one multi-word-line sensing whose result page is sent
/// to the host.
enum class SsdKind : std::uint8_t { kWrite, kRead, kBitwiseAnd, kBitwiseOr };

/// One host request of an MQSim-style trace.
struct SsdRequest {
  Tick arrival = 0;           ///< ps
  std::uint64_t device = 0;   ///< device number
  std::uint64_t lba = 0;      ///< first 512 B sector
  std::uint64_t sectors = 0;  ///< size in 512 B sectors (bitwise: all operand pages)
  SsdKind kind = SsdKind::kRead;
  int line = 0;  ///< trace line, for errors found after parsing

  bool write() const { return kind == SsdKind::kWrite; }
  bool bitwise() const { return kind == SsdKind::kBitwiseAnd || kind == SsdKind::kBitwiseOr; }
};

/// Reads MQSim ASCII traces: `time device lba sectors type` per line, type 0 = write, 1 = read
/// (MQSim `ASCII_Trace_Definition.h`), 2 / 3 = bulk bitwise AND / OR (SsdKind), whitespace
/// separated; '#' lines and blank lines skipped.
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
