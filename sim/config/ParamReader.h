#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/config/ConfigNode.h"
#include "sim/config/ParamSpec.h"
#include "sim/core/Tick.h"

namespace xpusim {

/// Reads one component's declared parameters from its config map, typed and with units.
///
/// Construction rejects every key that is neither a declared parameter nor one of `otherKeys`
/// (port bindings, `type`, `components`), naming file:line:column, the component path and the
/// nearest declared key. Each getter parses the user's text (or the declared default) and fails
/// with an InputError that names where the value was written and what was expected.
class ParamReader {
 public:
  ParamReader(const ConfigNode& node, std::string componentPath,
              const std::vector<ParamSpec>& params, std::vector<std::string> otherKeys);

  /// True if the parameter has a value (given, or defaulted).
  bool has(const std::string& name) const;
  bool flag(const std::string& name);
  std::uint64_t uint(const std::string& name);
  std::int64_t integer(const std::string& name);
  double real(const std::string& name);
  std::string text(const std::string& name);
  /// The chosen entry of a kChoice parameter.
  std::string choice(const std::string& name);
  /// kTime: picoseconds.
  Tick time(const std::string& name);
  /// kClock: period in picoseconds.
  Tick clock(const std::string& name);
  /// kBytes: bytes.
  std::uint64_t bytes(const std::string& name);
  /// kBandwidth: bytes per second.
  std::uint64_t bandwidth(const std::string& name);
  /// kPath: an absolute path, resolved against the directory of the file that wrote it (the
  /// working directory for command-line values and defaults).
  std::filesystem::path path(const std::string& name);

  /// Where the value of `name` came from (the default's location is the component's).
  SourceLocation location(const std::string& name) const;
  /// An InputError about parameter `name` for checks the model does itself ("must be a power
  /// of two"): "file:line:col: path: 'name' = 'text': message".
  InputError error(const std::string& name, const std::string& message) const;

  /// Every declared parameter with a value, as the user wrote it or as the default, plus the
  /// other keys as given: the resolved config of this component.
  ConfigNode resolved() const;
  /// Throws std::logic_error naming declared parameters the component never read.
  void checkAllRead() const;
  const std::string& componentPath() const { return path_; }

 private:
  static std::filesystem::path resolvePath(const ConfigNode& value);
  const ParamSpec& spec(const std::string& name, ParamType expected);
  /// The value text of `name`: the user's, else the default; throws if required and absent.
  std::string valueText(const ParamSpec& s) const;
  template <class F>
  auto parse(const std::string& name, ParamType type, F&& parser);

  const ConfigNode& node_;
  std::string path_;
  const std::vector<ParamSpec>& params_;
  std::vector<std::string> otherKeys_;
  std::vector<bool> read_;
};

}  // namespace xpusim
