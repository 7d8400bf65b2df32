#pragma once
#include <filesystem>
#include <string>
#include <string_view>

#include "sim/config/ConfigNode.h"

namespace xpusim::systolic {

/// Imports a SCALE-Sim v2 `.cfg` (INI, read by Python configparser: `key : value` or
/// `key = value`, option names case-insensitive, section names case-sensitive, full-line '#'
/// and ';' comments) as an xpusim config: one `systolic_array` named `array` in `scalesim`
/// timing, plus, in USER bandwidth mode, an `ideal_memory` named `memory` of `Bandwidth`
/// words per cycle. Every key v2 requires must be present; MemoryBanks (never read by v2) is
/// accepted with a warning on stderr; any other key is an InputError at its file:line.
///
/// Mapping: ArrayHeight -> rows, ArrayWidth -> cols, Dataflow -> dataflow, *SramSzkB -> the
/// scratchpad sizes in KiB, *Offset -> the address offsets, InterfaceBandwidth USER ->
/// `mem: memory` with bandwidth = first Bandwidth value x 1 B x 1 GHz, TopologyCsvLoc ->
/// the system's `workload` (overridden by --workload). run_name is accepted and not used
/// (the output folder is --out). Stricter than v2: a Dataflow other than os/ws/is (v2 only
/// warns) is an error, and the v3-only keys and sections ([layout], [sparsity]...) are
/// rejected as unknown.
class ScaleSimConfig {
 public:
  static ConfigNode importFile(const std::filesystem::path& file);
  static ConfigNode parse(std::string_view text, const std::string& source);
};

}  // namespace xpusim::systolic
