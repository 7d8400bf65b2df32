#include "models/pim/PimUnitTrace.h"

#include <fmt/format.h>

#include <algorithm>

namespace xpusim {

PimUnitTrace::PimUnitTrace(Timeline& timeline, const DramSpec& dram, const PimUnitSpec& unit)
    : timeline_(timeline),
      tCK_(dram.timing.tCK),
      ranksPerChannel_(dram.org.ranksPerChannel()),
      unitsPerRank_(unit.unitsPerRank) {
  const DramOrganisation& o = dram.org;
  stretches_.assign(std::size_t{o.channels} * ranksPerChannel_, {});
  for (std::uint32_t c = 0; c < o.channels; ++c)
    for (std::uint32_t r = 0; r < ranksPerChannel_; ++r)
      for (std::uint32_t u = 0; u < unitsPerRank_; ++u)
        lanes_.push_back(timeline_.lane(
            "pim units", fmt::format("ch{}.pc{}.ra{}.unit{}", c, r / o.ranks, r % o.ranks, u)));
}

void PimUnitTrace::write(std::uint32_t channel, std::uint32_t rank) {
  Stretch& s = stretches_[channel * ranksPerChannel_ + rank];
  if (!s.open) return;
  s.open = false;
  const std::size_t first = (std::size_t{channel} * ranksPerChannel_ + rank) * unitsPerRank_;
  for (std::uint32_t u = 0; u < unitsPerRank_; ++u)
    timeline_.slice(lanes_[first + u], "MAC", s.start * tCK_, s.end * tCK_);
}

void PimUnitTrace::mac(std::uint32_t channel, std::uint32_t rank, const DramCompletion& d) {
  Stretch& s = stretches_[channel * ranksPerChannel_ + rank];
  if (s.open && d.issued <= s.end) {
    s.end = std::max(s.end, d.done);
    return;
  }
  write(channel, rank);
  s = {d.issued, d.done, true};
}

void PimUnitTrace::flush(std::uint32_t channel) {
  for (std::uint32_t r = 0; r < ranksPerChannel_; ++r) write(channel, r);
}

}  // namespace xpusim
