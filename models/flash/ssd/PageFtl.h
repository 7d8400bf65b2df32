#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "models/flash/array/FlashGeometry.h"

namespace xpusim::flash {

/// A page-mapping flash translation layer, no garbage collection.
///  - ideal: logical page n lives at physical page-stripe n (MQSim `Ideal_Mapping_Table`);
///    writes program in place (no erase modelled).
///  - table: a page-level table; each write programs the next free page of the next plane in
///    channel-first stripe order (log-structured), unwritten pages read from their ideal place
///    (a preconditioned drive). A full plane is reported (no GC).
class PageFtl {
 public:
  enum class Mode { kIdeal, kTable };
  PageFtl(const FlashGeometry& g, Mode mode);

  /// Physical page of logical page `lpa` for a read.
  PageAddress readAddress(std::uint64_t lpa) const;
  /// Physical page for writing logical page `lpa` (allocates in table mode). Throws
  /// std::runtime_error when the drive is full.
  PageAddress writeAddress(std::uint64_t lpa);
  std::uint64_t logicalPages() const { return geometry_.totalPages(); }
  /// Pages whose old copy a table-mode write made stale.
  std::uint64_t invalidated() const { return invalidated_; }

 private:
  FlashGeometry geometry_;
  Mode mode_;
  std::unordered_map<std::uint64_t, PageAddress> table_;
  std::vector<std::uint64_t> nextFree_;  // per plane (flat), pages used
  std::uint64_t cursor_ = 0;             // next plane in stripe order
  std::uint64_t invalidated_ = 0;
};

}  // namespace xpusim::flash
