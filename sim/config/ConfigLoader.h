#pragma once
#include <filesystem>
#include <string>

#include "sim/config/ConfigNode.h"

namespace xpusim {

/// Reads YAML configs (yaml-cpp) into ConfigNode trees that keep file:line:column.
///
/// Presets compose with `extends: FILE` (or a list of files) in any map: the named file's
/// top-level map is the base and the keys written next to `extends` override it, maps merging
/// key by key and everything else replacing. Paths are relative to the file that names them.
class ConfigLoader {
 public:
  /// Loads `file` and resolves every `extends`. A file whose extension has a registered
  /// importer (ConfigImporter.h, e.g. SCALE-Sim `.cfg`) is read by that importer instead.
  /// Throws InputError on any problem.
  static ConfigNode loadFile(const std::filesystem::path& file);
  /// Parses YAML text named `source` in messages; `extends` paths are relative to `baseDir`.
  static ConfigNode loadText(const std::string& text, const std::string& source,
                             const std::filesystem::path& baseDir = ".");
  /// Applies a command-line override "path.to.key=value". A path step that is not a key of the
  /// current map is looked up among its `components:`, so `sram.banks=16` reaches
  /// `components: {sram: {banks: ...}}`. The value is YAML ("16", "[1, 2]", "1GHz").
  static void applyOverride(ConfigNode& root, const std::string& assignment);
};

}  // namespace xpusim
