#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/memory/dram/DramCommand.h"
#include "models/memory/dram/DramSpec.h"
#include "sim/trace/Timeline.h"

namespace xpusim {

/// The DRAM commands of one channel on the Perfetto timeline (--trace): one lane per bank
/// ("pc<P>.r<R>.bg<G>.b<B>") for the commands that address a bank, and one per rank
/// ("pc<P>.r<R>") for the all-bank ones (PREA, REF, PIM all-bank). Each command is a slice of
/// one tCK at its issue cycle, named after the command, with its row and column as arguments.
/// Lanes are created on first use.
class CommandTimeline {
 public:
  /// `process` names the channel's lanes (e.g. "system.dram.ch0"); `tCK` in picoseconds.
  CommandTimeline(Timeline& timeline, std::string process, const DramOrganisation& org, Tick tCK);

  /// Adds `cmd` to `a` issued at cycle `at`.
  void record(Cycle at, DramCommand cmd, const DramAddress& a);

 private:
  Timeline::LaneId laneOf(DramCommand cmd, const DramAddress& a);

  Timeline& timeline_;
  std::string process_;
  DramOrganisation org_;
  Tick tCK_;
  static constexpr Timeline::LaneId kNoLane = UINT32_MAX;
  std::vector<Timeline::LaneId> bankLanes_;  // by bank index within the channel
  std::vector<Timeline::LaneId> rankLanes_;  // by rank index within the channel
};

}  // namespace xpusim
