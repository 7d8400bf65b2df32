#pragma once
#include <filesystem>
#include <string>
#include <string_view>

#include "sim/config/ConfigNode.h"

namespace xpusim {

/// Reads a foreign config format (e.g. a SCALE-Sim `.cfg`) into the same tree a YAML config
/// gives, with file:line positions pointing into the foreign file. Throws InputError.
using ConfigImporter = ConfigNode (*)(const std::filesystem::path& file);

/// Importers by file extension: ConfigLoader::loadFile hands every file whose extension has an
/// importer to it instead of the YAML reader. Importers register from their own source file.
class ConfigImporters {
 public:
  /// Registers `importer` for `extension` (with its dot, e.g. ".cfg", matched
  /// case-insensitively); a duplicate extension aborts at start-up with a message.
  static bool add(std::string extension, ConfigImporter importer);
  /// The importer for the extension of `file`, or nullptr.
  static ConfigImporter find(const std::filesystem::path& file);
};

}  // namespace xpusim

/// Registers `function` (a ConfigImporter) for files ending in `extension`. Place it in the
/// importer's .cpp file, inside namespace xpusim.
#define XPUSIM_REGISTER_CONFIG_IMPORTER(name, extension, function)                       \
  namespace {                                                                            \
  const bool xpusimImporter##name = ::xpusim::ConfigImporters::add(extension, function); \
  }
