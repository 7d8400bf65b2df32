#pragma once
#include <algorithm>
#include <vector>

#include "models/memory/dram/DramController.h"

namespace xpusim {

/// Serves one channel's controller from cycle `start` until its queues and the work `feed`
/// supplies are done, jumping from one cycle worth serving to the next (the controller says
/// which). `feed(now)` queues what fits and returns false once it has nothing left;
/// `onDone(completion)` sees every completion. Returns the last completion cycle (or `start`).
template <class Feed, class OnDone>
Cycle driveChannel(DramController& controller, Cycle start, Feed&& feed, OnDone&& onDone) {
  std::vector<DramCompletion> done;
  Cycle now = start, end = start;
  bool more = true;
  for (;;) {
    if (more) more = feed(now);
    Cycle next = controller.serve(now, done);
    for (const DramCompletion& d : done) {
      end = std::max(end, d.done);
      onDone(d);
    }
    done.clear();
    if (next == DramController::kNever) {
      if (!more) break;
      next = now + 1;
    }
    now = std::max(next, now + 1);
  }
  return end;
}

}  // namespace xpusim
