#pragma once
// Writes config files into a fresh temporary folder and builds simulations from them.
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/config/ConfigLoader.h"
#include "sim/config/InputError.h"
#include "sim/core/Simulation.h"

namespace xpusim::test {

class ConfigFolder {
 public:
  ConfigFolder() {
    dir_ = std::filesystem::temp_directory_path() /
           ("xpusim-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~ConfigFolder() { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto p = dir_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p;
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path dir_;
};

/// Builds a simulation from `file`; returns the InputError it throws (fails if none).
inline InputError buildError(const std::filesystem::path& file,
                             const std::vector<std::string>& overrides = {}) {
  try {
    ConfigNode root = ConfigLoader::loadFile(file);
    for (const auto& o : overrides) ConfigLoader::applyOverride(root, o);
    Simulation sim(std::move(root));
  } catch (const InputError& e) {
    return e;
  }
  throw std::runtime_error("expected an InputError from " + file.string());
}

}  // namespace xpusim::test
