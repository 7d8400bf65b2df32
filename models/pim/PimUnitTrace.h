#pragma once
#include <cstdint>
#include <vector>

#include "models/memory/dram/DramController.h"
#include "models/pim/PimUnitSpec.h"
#include "sim/trace/Timeline.h"

namespace xpusim {

/// Perfetto tracks of a PIM device: one lane per processing unit ("pim units" /
/// "ch<C>.pc<P>.ra<R>.unit<U>"), with a "MAC" slice for every stretch of back-to-back MAC
/// commands of its rank (a MAC command is busy from its issue to its data, in ticks of tCK).
class PimUnitTrace {
 public:
  PimUnitTrace(Timeline& timeline, const DramSpec& dram, const PimUnitSpec& unit);

  /// A MAC command of rank `rank` (a rank index) of `channel` completed as `d`.
  void mac(std::uint32_t channel, std::uint32_t rank, const DramCompletion& d);
  /// Writes the open stretches of `channel`'s ranks (at the end of a phase).
  void flush(std::uint32_t channel);

 private:
  struct Stretch {
    Cycle start = 0, end = 0;
    bool open = false;
  };
  void write(std::uint32_t channel, std::uint32_t rank);

  Timeline& timeline_;
  Tick tCK_;
  std::uint32_t ranksPerChannel_, unitsPerRank_;
  std::vector<Stretch> stretches_;       // per rank of the device
  std::vector<Timeline::LaneId> lanes_;  // per unit of the device
};

}  // namespace xpusim
