#pragma once
// Shared helpers of the DRAM tests: presets, device specs, runs and command traces.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../memory/RunConfig.h"
#include "models/memory/dram/Dram.h"

namespace xpusim::test {

/// Absolute path of a device preset, e.g. preset("ddr4_3200").
inline std::string preset(const std::string& name) {
  return std::string(XPUSIM_SOURCE_DIR) + "/configs/memory/dram/" + name + ".yaml";
}
/// Absolute path of a reference trace, e.g. referenceTrace("conflict_rd_4k").
inline std::string referenceTrace(const std::string& name) {
  return std::string(XPUSIM_REFERENCE_DIR) + "/data/dram/" + name + ".dramsim3.trace";
}

/// The device spec of a preset, with `extra` YAML lines (two-space indented) added to it.
inline DramSpec loadSpec(const std::string& name, const std::string& extra = "") {
  ConfigFolder folder;
  const auto file =
      folder.write("c.yaml", "components:\n  dram:\n    extends: " + preset(name) + "\n" + extra);
  Simulation sim(ConfigLoader::loadFile(file));
  return dynamic_cast<Dram&>(*sim.find("system.dram")).spec();
}

/// A config: a trace player on the DRAM clock replaying `trace` into a preset's device.
inline std::string playerConfig(const std::string& name, const std::string& trace,
                                const std::string& dramExtra = "",
                                const std::string& playerExtra = "") {
  const DramSpec s = loadSpec(name);
  return "components:\n"
         "  player:\n"
         "    type: trace_player\n"
         "    trace: " +
         trace +
         "\n"
         "    clock: " +
         std::to_string(s.timing.tCK) +
         "ps\n"
         "    issue_width: 4\n"
         "    max_outstanding: 1024\n"
         "    mem: dram\n" +
         playerExtra +
         "  dram:\n"
         "    extends: " +
         preset(name) +
         "\n"
         "    command_trace: commands.csv\n" +
         dramExtra;
}

/// One line of a command trace.
struct TracedCommand {
  std::uint64_t cycle;
  std::string command;
  int channel, pseudoChannel, rank, bankGroup, bank;
  long row, column;
};

inline std::vector<TracedCommand> readCommands(const Run& run) {
  std::ifstream in(run.folder.dir() / "commands.csv");
  std::string line;
  std::getline(in, line);  // header
  std::vector<TracedCommand> out;
  while (std::getline(in, line)) {
    for (char& c : line)
      if (c == ',') c = ' ';
    std::istringstream s(line);
    TracedCommand t;
    s >> t.cycle >> t.command >> t.channel >> t.pseudoChannel >> t.rank >> t.bankGroup >> t.bank >>
        t.row >> t.column;
    out.push_back(t);
  }
  return out;
}

/// The command names of a trace, space-separated ("ACT RD PRE ACT RD").
inline std::string commandNames(const std::vector<TracedCommand>& cmds) {
  std::string s;
  for (const auto& c : cmds) s += (s.empty() ? "" : " ") + c.command;
  return s;
}

}  // namespace xpusim::test
