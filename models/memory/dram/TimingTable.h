#pragma once
#include <vector>

#include "models/memory/dram/DramCommand.h"
#include "models/memory/dram/DramSpec.h"

namespace xpusim {

/// One inter-command constraint: after `prev` is issued at cycle t, `next` may not be issued
/// before t + gap to any bank inside the same `level` node as `prev`'s target (or, when
/// `siblings` is set, inside the *other* nodes of that level under the same parent, e.g. the
/// other ranks of a pseudo-channel for a rank switch).
struct TimingConstraint {
  DramCommand prev;
  DramCommand next;
  DramLevel level;
  Cycle gap;
  bool siblings = false;
};

/// The full constraint table of a device, generated from its timing parameters (the pattern of
/// Ramulator 2.0's timing tables). Same-bank, bank-group, rank and pseudo-channel edges; read
/// and write variants with auto-precharge included; zero gaps left out. The four-activate
/// window (tFAW) is not a pairwise edge: the timing core applies it per rank.
std::vector<TimingConstraint> buildTimingTable(const DramTiming& t);

}  // namespace xpusim
