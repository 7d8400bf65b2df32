#include "sim/config/Units.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <limits>

namespace xpusim::units {

namespace {

__extension__ typedef unsigned __int128 u128;
constexpr u128 kLimit = u128{std::numeric_limits<std::uint64_t>::max()};

struct Unit {
  std::string_view suffix;
  u128 multiplier;
};

constexpr u128 pow10(int n) {
  u128 v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

constexpr std::array kTimeUnits{Unit{"ps", 1}, Unit{"ns", pow10(3)}, Unit{"us", pow10(6)},
                                Unit{"ms", pow10(9)}, Unit{"s", pow10(12)}};
constexpr std::array kFrequencyUnits{Unit{"Hz", 1}, Unit{"kHz", pow10(3)}, Unit{"MHz", pow10(6)},
                                     Unit{"GHz", pow10(9)}, Unit{"THz", pow10(12)}};
constexpr std::array kByteUnits{Unit{"B", 1},
                                Unit{"kB", pow10(3)},
                                Unit{"KB", pow10(3)},
                                Unit{"MB", pow10(6)},
                                Unit{"GB", pow10(9)},
                                Unit{"TB", pow10(12)},
                                Unit{"KiB", u128{1} << 10},
                                Unit{"MiB", u128{1} << 20},
                                Unit{"GiB", u128{1} << 30},
                                Unit{"TiB", u128{1} << 40}};

/// A decimal number read exactly: value = mantissa * 10^exponent.
struct Decimal {
  u128 mantissa = 0;
  int exponent = 0;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// Reads an unsigned decimal ("12", "1.5", "2e3") from the front of `s`; leaves the rest in `s`.
bool readDecimal(std::string_view& s, Decimal& d) {
  std::size_t i = 0, digits = 0;
  auto digit = [&](char c) {
    if (digits++ > 30) return false;
    d.mantissa = d.mantissa * 10 + static_cast<unsigned>(c - '0');
    return true;
  };
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
    if (!digit(s[i++])) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (!digit(s[i++])) return false;
      --d.exponent;
    }
  }
  if (digits == 0) return false;
  if (i + 1 < s.size() && (s[i] == 'e' || s[i] == 'E') &&
      (std::isdigit(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '-' || s[i + 1] == '+')) {
    std::size_t j = i + 1;
    bool negative = s[j] == '-';
    if (s[j] == '-' || s[j] == '+') ++j;
    int e = 0;
    std::size_t start = j;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) && e < 100)
      e = e * 10 + (s[j++] - '0');
    if (j == start) return false;
    d.exponent += negative ? -e : e;
    i = j;
  }
  s.remove_prefix(i);
  return true;
}

/// value * multiplier as an exact integer, or throws.
std::uint64_t exact(const Decimal& d, u128 multiplier, std::string_view text, const char* what) {
  u128 v = d.mantissa * multiplier;
  if (d.mantissa != 0 && v / d.mantissa != multiplier) v = kLimit + 1;
  for (int e = d.exponent; e > 0 && v <= kLimit; --e) v *= 10;
  for (int e = d.exponent; e < 0; ++e) {
    if (v % 10 != 0) throw UnitError(fmt::format("'{}' is not a whole number of {}", text, what));
    v /= 10;
  }
  if (v > kLimit) throw UnitError(fmt::format("'{}' is too large", text));
  return static_cast<std::uint64_t>(v);
}

template <std::size_t N>
std::string unitList(const std::array<Unit, N>& units) {
  std::string s;
  for (const auto& u : units) s += (s.empty() ? "" : ", ") + std::string(u.suffix);
  return s;
}

template <std::size_t N>
std::uint64_t parseQuantity(std::string_view text, const std::array<Unit, N>& units,
                            std::string_view kind, std::string_view example, const char* base,
                            bool unitRequired, std::string_view suffix = {}) {
  std::string_view s = trim(text);
  Decimal d;
  if (!readDecimal(s, d))
    throw UnitError(fmt::format("expected {} such as {}, got '{}'", kind, example, text));
  s = trim(s);
  if (!suffix.empty()) {
    if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix)
      throw UnitError(fmt::format("expected {} such as {} (unit ending in '{}'), got '{}'", kind,
                                  example, suffix, text));
    s.remove_suffix(suffix.size());
  }
  if (s.empty()) {
    if (unitRequired)
      throw UnitError(fmt::format("expected {} with a unit ({}) such as {}, got '{}'", kind,
                                  unitList(units), example, text));
    return exact(d, 1, text, base);
  }
  for (const auto& u : units)
    if (s == u.suffix) return exact(d, u.multiplier, text, base);
  throw UnitError(fmt::format("unknown unit '{}' in '{}': expected {} ({}), e.g. {}", s, text, kind,
                              unitList(units), example));
}

}  // namespace

Tick parseTime(std::string_view text) {
  return parseQuantity(text, kTimeUnits, "a duration", "30us or 1.5ns", "picoseconds", true);
}

std::uint64_t parseFrequency(std::string_view text) {
  return parseQuantity(text, kFrequencyUnits, "a frequency", "1GHz or 800MHz", "hertz", true);
}

Tick parseClockPeriod(std::string_view text) {
  std::string_view s = trim(text);
  if (s.size() > 2 && s.substr(s.size() - 2) == "Hz") {
    const std::uint64_t hz = parseFrequency(text);
    if (hz == 0) throw UnitError(fmt::format("clock frequency '{}' must be positive", text));
    if (kSecond % hz != 0)
      throw UnitError(fmt::format(
          "clock '{}' has a period of {:.3f} ps, not a whole picosecond; give the period "
          "instead (e.g. '{}ps')",
          text, 1e12 / static_cast<double>(hz), kSecond / hz));
    return kSecond / hz;
  }
  const Tick period = parseQuantity(text, kTimeUnits, "a clock frequency or period", "1GHz or 1ns",
                                    "picoseconds", true);
  if (period == 0) throw UnitError(fmt::format("clock period '{}' must be positive", text));
  return period;
}

std::uint64_t parseBytes(std::string_view text) {
  return parseQuantity(text, kByteUnits, "a size", "64KiB or 2MB", "bytes", false);
}

std::uint64_t parseBandwidth(std::string_view text) {
  return parseQuantity(text, kByteUnits, "a bandwidth", "16GB/s or 1GiB/s", "bytes per second",
                       true, "/s");
}

std::uint64_t parseUnsigned(std::string_view text) {
  std::string_view s = trim(text);
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    throw UnitError(fmt::format("expected a non-negative integer, got '{}'", text));
  return v;
}

std::int64_t parseSigned(std::string_view text) {
  std::string_view s = trim(text);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    throw UnitError(fmt::format("expected an integer, got '{}'", text));
  return v;
}

double parseReal(std::string_view text) {
  std::string_view s = trim(text);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    throw UnitError(fmt::format("expected a number, got '{}'", text));
  return v;
}

bool parseBool(std::string_view text) {
  std::string s(trim(text));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  throw UnitError(fmt::format("expected true or false, got '{}'", text));
}

namespace {
template <std::size_t N>
std::string formatExact(std::uint64_t value, const std::array<Unit, N>& units) {
  if (value == 0) return fmt::format("0{}", units[0].suffix);
  // Largest unit with a whole part and at most 3 exact fractional digits.
  for (std::size_t i = N; i-- > 0;) {
    const u128 m = units[i].multiplier;
    if (m <= value && (value * u128{1000}) % m == 0) {
      const auto whole = static_cast<std::uint64_t>(value / m);
      auto frac = static_cast<unsigned>((value * u128{1000} / m) % 1000);
      if (frac == 0) return fmt::format("{}{}", whole, units[i].suffix);
      std::string f = fmt::format("{:03}", frac);
      while (f.back() == '0') f.pop_back();
      return fmt::format("{}.{}{}", whole, f, units[i].suffix);
    }
  }
  return fmt::format("{}{}", value, units[0].suffix);
}
}  // namespace

std::string formatTime(Tick ps) {
  return formatExact(ps, kTimeUnits);
}

std::string formatFrequency(std::uint64_t hz) {
  return formatExact(hz, kFrequencyUnits);
}

std::string formatBytes(std::uint64_t bytes) {
  for (std::size_t i = kByteUnits.size(); i-- > 6;)
    if (bytes >= kByteUnits[i].multiplier && bytes % kByteUnits[i].multiplier == 0)
      return fmt::format("{}{}", static_cast<std::uint64_t>(bytes / kByteUnits[i].multiplier),
                         kByteUnits[i].suffix);
  return fmt::format("{}B", bytes);
}

}  // namespace xpusim::units
