#include "sim/config/ConfigImporter.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace xpusim {

namespace {
std::map<std::string, ConfigImporter>& importers() {
  static std::map<std::string, ConfigImporter> all;
  return all;
}
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
}  // namespace

bool ConfigImporters::add(std::string extension, ConfigImporter importer) {
  if (!importers().emplace(lower(extension), importer).second) {
    std::fprintf(stderr, "xpusim: config importer for '%s' registered twice\n", extension.c_str());
    std::abort();
  }
  return true;
}

ConfigImporter ConfigImporters::find(const std::filesystem::path& file) {
  const auto it = importers().find(lower(file.extension().string()));
  return it == importers().end() ? nullptr : it->second;
}

}  // namespace xpusim
