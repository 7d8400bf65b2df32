#pragma once
// Shared helpers of the PIM tests: run a PIM preset on a kernel and read its statistics.
#include <memory>
#include <string>

#include "../memory/RunConfig.h"
#include "models/pim/PimDevice.h"

namespace xpusim::test {

/// Absolute path of a PIM preset, e.g. pimPreset("hbm2_pim").
inline std::string pimPreset(const std::string& name) {
  return std::string(XPUSIM_SOURCE_DIR) + "/configs/pim/" + name + ".yaml";
}

/// Runs preset `name` on the kernel YAML `kernel` (written as kernel.yaml, with `files`
/// beside it), with `extra` lines (four-space indented) added to the device.
inline std::unique_ptr<Run> runPim(
    const std::string& name, const std::string& kernel, const std::string& extra = "",
    const std::vector<std::pair<std::string, std::string>>& files = {}) {
  auto all = files;
  all.emplace_back("kernel.yaml", kernel);
  return runConfig("extends: " + pimPreset(name) +
                       "\n"
                       "workload: kernel.yaml\n"
                       "components:\n"
                       "  pim:\n"
                       "    layout: row_blocked\n" +
                       extra,
                   all);
}

/// The device component of a run.
inline const PimDevice& device(const Run& r) {
  return dynamic_cast<const PimDevice&>(*r.sim->find("system.pim"));
}

inline std::string gemvKernel(int rows, int cols, const std::string& dtype = "fp16") {
  return "kernel: gemv\nrows: " + std::to_string(rows) + "\ncols: " + std::to_string(cols) +
         "\ndtype: " + dtype + "\n";
}

}  // namespace xpusim::test
