#include "models/memory/dram/CommandTimeline.h"

#include <fmt/format.h>

#include <utility>

namespace xpusim {

CommandTimeline::CommandTimeline(Timeline& timeline, std::string process,
                                 const DramOrganisation& org, Tick tCK)
    : timeline_(timeline),
      process_(std::move(process)),
      org_(org),
      tCK_(tCK),
      bankLanes_(org.banksPerChannel(), kNoLane),
      rankLanes_(org.ranksPerChannel(), kNoLane) {}

Timeline::LaneId CommandTimeline::laneOf(DramCommand cmd, const DramAddress& a) {
  const std::uint32_t rank = a.pseudoChannel * org_.ranks + a.rank;
  if (commandScope(cmd) == DramLevel::kRank) {
    Timeline::LaneId& lane = rankLanes_[rank];
    if (lane == kNoLane)
      lane = timeline_.lane(process_, fmt::format("pc{}.r{}", a.pseudoChannel, a.rank));
    return lane;
  }
  const std::uint32_t bank = (rank * org_.bankGroups + a.bankGroup) * org_.banks + a.bank;
  Timeline::LaneId& lane = bankLanes_[bank];
  if (lane == kNoLane)
    lane = timeline_.lane(
        process_, fmt::format("pc{}.r{}.bg{}.b{}", a.pseudoChannel, a.rank, a.bankGroup, a.bank));
  return lane;
}

void CommandTimeline::record(Cycle at, DramCommand cmd, const DramAddress& a) {
  const Timeline::LaneId lane = laneOf(cmd, a);
  nlohmann::json args = nlohmann::json::object();
  if (cmd != DramCommand::kPre && cmd != DramCommand::kPreAll && cmd != DramCommand::kRefresh &&
      cmd != DramCommand::kRefreshBank && cmd != DramCommand::kRefreshSameBank)
    args["row"] = a.row;
  if (isColumnCommand(cmd) || isPimColumnCommand(cmd)) args["column"] = a.column;
  timeline_.slice(lane, dramCommandName(cmd), at * tCK_, (at + 1) * tCK_, args);
}

}  // namespace xpusim
