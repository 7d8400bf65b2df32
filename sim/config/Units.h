#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/core/Tick.h"

namespace xpusim::units {

/// A quantity that does not parse, or has the wrong unit; what() says what was expected.
class UnitError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Every parser below is exact: decimal text is read as an integer mantissa and exponent, never
// through floating point, and a value that is not a whole number of the result unit is
// rejected rather than rounded. Spaces between number and unit are allowed. Prefixes are SI
// (k = 1e3, M, G, T) or IEC (Ki = 2^10, Mi, Gi, Ti).

/// Duration -> picoseconds: "30us", "1.5ns", "250ps", "2ms", "1s". A unit is required.
Tick parseTime(std::string_view text);
/// Frequency -> hertz: "1GHz", "800MHz", "1.6GHz", "100kHz".
std::uint64_t parseFrequency(std::string_view text);
/// Clock period in picoseconds from a frequency ("1GHz") or a period ("1ns"). A frequency
/// whose period is not a whole picosecond (e.g. 3GHz) is rejected: give the period instead.
Tick parseClockPeriod(std::string_view text);
/// Size -> bytes: "64KiB", "2MB", "512B", "1.5KiB", or a plain integer meaning bytes.
std::uint64_t parseBytes(std::string_view text);
/// Bandwidth -> bytes per second: "16GB/s", "25.6GB/s", "1GiB/s", "800MB/s".
std::uint64_t parseBandwidth(std::string_view text);
/// Unsigned integer without unit: "1024". Signs, fractions and suffixes are rejected.
std::uint64_t parseUnsigned(std::string_view text);
/// Signed integer without unit.
std::int64_t parseSigned(std::string_view text);
/// Real number without unit: "0.5", "1e-3".
double parseReal(std::string_view text);
/// Boolean: true/false, yes/no, on/off (YAML 1.1 spellings), case-insensitive.
bool parseBool(std::string_view text);

/// "1500ps" -> "1.5ns": the largest unit that keeps the value exact, for messages and reports.
std::string formatTime(Tick ps);
/// 1250000000 -> "1.25GHz".
std::string formatFrequency(std::uint64_t hz);
/// 65536 -> "64KiB" (IEC when exact, else SI, else bytes).
std::string formatBytes(std::uint64_t bytes);

}  // namespace xpusim::units
