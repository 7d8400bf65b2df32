#pragma once
#include <string>
#include <vector>

namespace xpusim {

/// How a parameter's text is read and which unit it carries.
enum class ParamType {
  kBool,       ///< true / false
  kUInt,       ///< non-negative integer in the unit named by ParamSpec::unit (cycles, banks...)
  kInt,        ///< signed integer
  kReal,       ///< real number
  kString,     ///< free text
  kChoice,     ///< one of ParamSpec::choices
  kTime,       ///< duration with unit ("30us") -> picoseconds
  kClock,      ///< frequency or period ("1GHz", "1ns") -> period in picoseconds
  kBytes,      ///< size ("64KiB", "2MB", plain integer = bytes) -> bytes
  kBandwidth,  ///< "16GB/s" -> bytes per second
  kPath,       ///< file path, relative to the config file that wrote it
};

/// "bool", "uint", "time", ... for `xpusim describe`.
const char* paramTypeName(ParamType t);

/// A declared parameter: what `xpusim describe` prints and what the reader checks values against.
struct ParamSpec {
  std::string name;
  ParamType type = ParamType::kString;
  std::string unit;  ///< display unit; implied by the type for time, clock, bytes, bandwidth
  std::string description;
  bool required = true;
  bool optional = false;  ///< may be left out entirely (no default); test with has()
  std::string defaultText;
  std::vector<std::string> choices;

  /// Gives a default (parsed like user text, so defaults are checked too).
  ParamSpec& def(std::string text) {
    required = false;
    defaultText = std::move(text);
    return *this;
  }
  /// Makes the parameter optional with no default.
  ParamSpec& optionalValue() {
    required = false;
    optional = true;
    return *this;
  }
};

/// Builders that keep declarations one line each: Param::uint("banks", "banks", "...").def("8").
struct Param {
  static ParamSpec flag(std::string n, std::string d) { return make(n, ParamType::kBool, "", d); }
  static ParamSpec uint(std::string n, std::string unit, std::string d) {
    return make(n, ParamType::kUInt, unit, d);
  }
  static ParamSpec integer(std::string n, std::string unit, std::string d) {
    return make(n, ParamType::kInt, unit, d);
  }
  static ParamSpec real(std::string n, std::string unit, std::string d) {
    return make(n, ParamType::kReal, unit, d);
  }
  static ParamSpec text(std::string n, std::string d) { return make(n, ParamType::kString, "", d); }
  static ParamSpec choice(std::string n, std::vector<std::string> choices, std::string d) {
    ParamSpec s = make(n, ParamType::kChoice, "", d);
    s.choices = std::move(choices);
    return s;
  }
  static ParamSpec time(std::string n, std::string d) { return make(n, ParamType::kTime, "s", d); }
  static ParamSpec clock(std::string n, std::string d) {
    return make(n, ParamType::kClock, "Hz|s", d);
  }
  static ParamSpec bytes(std::string n, std::string d) {
    return make(n, ParamType::kBytes, "B", d);
  }
  static ParamSpec bandwidth(std::string n, std::string d) {
    return make(n, ParamType::kBandwidth, "B/s", d);
  }
  static ParamSpec path(std::string n, std::string d) { return make(n, ParamType::kPath, "", d); }

 private:
  static ParamSpec make(std::string n, ParamType t, std::string unit, std::string d) {
    ParamSpec s;
    s.name = std::move(n);
    s.type = t;
    s.unit = std::move(unit);
    s.description = std::move(d);
    return s;
  }
};

}  // namespace xpusim
