#pragma once
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "models/dataflow/fabric/Placement.h"
#include "sim/core/Tick.h"

namespace xpusim::dataflow {

/// One directed switch-to-switch link of one network. It carries one token at a time: a token
/// of b bits holds it for ceil(b / link width) cycles, from the cycle it is sent, on every link
/// of its route at once (the route is reserved end to end, like a circuit). Routes crossing
/// the same link therefore share its width. Arbitration is deterministic and starvation-free
/// for two senders: a sender refused because the link is busy queues for the cycle it frees
/// (the first refused one, in the units' fixed tick order); in that cycle only it may take the
/// link, and in any later cycle whoever ticks first.
struct Link {
  Tick freeAt = 0;               ///< the first tick the link can carry a new token
  Tick cycle = 0;                ///< the clock period (a deferred sender retries one cycle later)
  const void* queued = nullptr;  ///< the sender queued for the tick freeAt, if any
  Tick queuedFor = 0;            ///< the freeAt the queued sender waits for (stale if different)

  /// The first tick `sender` may take the link.
  Tick freeFor(const void* sender) const {
    return queuedFor == freeAt && queued && queued != sender ? freeAt + cycle : freeAt;
  }
  /// `sender` was refused at `now` (< freeFor(sender)): it queues if nobody has yet.
  void refuse(const void* sender, Tick now) {
    if (freeAt > now && queuedFor != freeAt) {
      queued = sender;
      queuedFor = freeAt;
    }
  }
};

/// The separate networks of the fabric (Plasticine): vectors, scalars and control tokens.
enum class Network : std::uint8_t { kVector, kScalar, kControl };

/// The links of one configured graph, created as routes first cross them.
class LinkSet {
 public:
  /// `cycle`: the fabric clock period.
  explicit LinkSet(Tick cycle) : cycle_(cycle) {}
  /// The links of the dimension-order route from `a` to `b` on `net`: along the row to b's
  /// column, then along the column to b's row (one link per hop). Empty when either end is an
  /// I/O port (its own private link into the fabric).
  std::vector<Link*> route(const Placement::Site& a, const Placement::Site& b, Network net);
  /// Links crossed by at least one route.
  std::size_t size() const { return links_.size(); }

 private:
  Link* link(Network net, std::int32_t row, std::int32_t col, int direction);

  Tick cycle_;
  std::map<std::tuple<int, std::int32_t, std::int32_t, int>, std::unique_ptr<Link>> links_;
};

}  // namespace xpusim::dataflow
