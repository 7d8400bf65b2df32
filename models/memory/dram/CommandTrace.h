#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "models/memory/dram/DramCommand.h"
#include "sim/core/Tick.h"

namespace xpusim {

/// An optional record of every DRAM command, for diffing against other simulators. Written as
/// CSV `cycle,command,channel,pseudo_channel,rank,bankgroup,bank,row,column` (cycles of tCK;
/// row and column are -1 for commands that do not address them), atomically, at the end.
class CommandTrace {
 public:
  void record(Cycle cycle, DramCommand cmd, const DramAddress& a) {
    records_.push_back(Record{cycle, a, cmd});
  }
  std::size_t size() const { return records_.size(); }
  /// Writes the records sorted by (cycle, channel), stable within a cycle.
  void write(const std::filesystem::path& file);

 private:
  struct Record {
    Cycle cycle;
    DramAddress address;
    DramCommand command;
  };
  std::vector<Record> records_;
};

}  // namespace xpusim
