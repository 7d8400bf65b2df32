#include "models/flash/array/FlashGeometry.h"

namespace xpusim::flash {

std::vector<ParamSpec> FlashGeometry::params() {
  return {
      Param::uint("channels", "channels", "flash channels (independent ONFI/Toggle buses)"),
      Param::uint("chips_per_channel", "chips", "chips (ways) sharing one channel"),
      Param::uint("dies_per_chip", "dies", "dies (LUNs) per chip"),
      Param::uint("planes_per_die", "planes", "planes per die (1..8)"),
      Param::uint("blocks_per_plane", "blocks", "erase blocks per plane"),
      Param::uint("pages_per_block", "pages", "pages per block"),
      Param::bytes("page_size", "user data bytes per page"),
      Param::bytes("spare_size", "spare (out-of-band) bytes per page").def("0B"),
  };
}

FlashGeometry FlashGeometry::read(ParamReader& p) {
  FlashGeometry g;
  const auto positive = [&](const char* name) {
    const std::uint64_t v = p.uint(name);
    if (v == 0) throw p.error(name, "must be at least 1");
    return v;
  };
  g.channels = positive("channels");
  g.chipsPerChannel = positive("chips_per_channel");
  g.diesPerChip = positive("dies_per_chip");
  g.planesPerDie = positive("planes_per_die");
  if (g.planesPerDie > 8) throw p.error("planes_per_die", "at most 8 planes per die");
  g.blocksPerPlane = positive("blocks_per_plane");
  g.pagesPerBlock = positive("pages_per_block");
  g.pageBytes = p.bytes("page_size");
  if (g.pageBytes == 0) throw p.error("page_size", "must be at least 1 byte");
  g.spareBytes = p.bytes("spare_size");
  return g;
}

PageAddress FlashGeometry::stripe(std::uint64_t n) const {
  PageAddress a;
  a.channel = static_cast<std::uint32_t>(n % channels);
  n /= channels;
  a.chip = static_cast<std::uint32_t>(n % chipsPerChannel);
  n /= chipsPerChannel;
  a.die = static_cast<std::uint32_t>(n % diesPerChip);
  n /= diesPerChip;
  a.plane = static_cast<std::uint32_t>(n % planesPerDie);
  n /= planesPerDie;
  const std::uint64_t inPlane = n % pagesPerPlane();
  a.block = static_cast<std::uint32_t>(inPlane / pagesPerBlock);
  a.page = static_cast<std::uint32_t>(inPlane % pagesPerBlock);
  return a;
}

}  // namespace xpusim::flash
