#include "models/flash/ssd/PageFtl.h"

#include <stdexcept>

namespace xpusim::flash {

PageFtl::PageFtl(const FlashGeometry& g, Mode mode)
    : geometry_(g), mode_(mode), nextFree_(mode == Mode::kTable ? g.planes() : 0, 0) {}

PageAddress PageFtl::readAddress(std::uint64_t lpa) const {
  if (mode_ == Mode::kTable) {
    const auto it = table_.find(lpa);
    if (it != table_.end()) return it->second;
  }
  return geometry_.stripe(lpa % geometry_.totalPages());
}

PageAddress PageFtl::writeAddress(std::uint64_t lpa) {
  if (mode_ == Mode::kIdeal) return geometry_.stripe(lpa % geometry_.totalPages());
  const std::uint64_t planes = geometry_.planes();
  for (std::uint64_t tried = 0; tried < planes; ++tried) {
    const std::uint64_t plane = cursor_;
    cursor_ = (cursor_ + 1) % planes;
    if (nextFree_[plane] == geometry_.pagesPerPlane()) continue;
    // Page k of plane p in stripe order is stripe number k * planes + p.
    const PageAddress a = geometry_.stripe(nextFree_[plane]++ * planes + plane);
    const auto [it, inserted] = table_.insert_or_assign(lpa, a);
    if (!inserted) ++invalidated_;
    return a;
  }
  throw std::runtime_error("flash FTL: every plane is full (garbage collection is not modelled)");
}

}  // namespace xpusim::flash
