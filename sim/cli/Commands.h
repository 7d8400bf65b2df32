#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace xpusim::cli {

/// Exit codes of every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSimulationFailed = 1;  ///< a failure while simulating
inline constexpr int kExitBadInput = 2;          ///< usage, config, trace or workload errors

/// What `xpusim run` and `xpusim check` are given on the command line.
struct RunRequest {
  std::filesystem::path config;
  std::optional<std::filesystem::path> workload;
  std::optional<std::filesystem::path> outDir;  ///< default out/<config name>/
  std::vector<std::string> overrides;           ///< --set path=value, in order
  std::optional<std::uint64_t> seed;
  bool trace = false;
  bool quiet = false;
};

/// Builds, runs and reports one simulation; writes the output folder atomically file by file.
int runCommand(const RunRequest& request, std::ostream& out, std::ostream& err);
/// Builds the simulation (parameters, ports) without running it.
int checkCommand(const RunRequest& request, std::ostream& out, std::ostream& err);
/// Lists every component type, or prints one type's parameters, ports and statistics.
int describeCommand(const std::optional<std::string>& type, std::ostream& out, std::ostream& err);

}  // namespace xpusim::cli
