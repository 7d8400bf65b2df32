// The memory-backed path of SystolicArray: double-buffered prefetch through the `mem` port,
// fold starts gated by operand arrival, stalls charged per operand.
#include <fmt/format.h>

#include <algorithm>

#include "models/systolic/SystolicArray.h"
#include "sim/core/Simulation.h"

namespace xpusim::systolic {

void SystolicArray::loadNext() {
  cur_ = std::move(next_);
  Fold f;
  if (!plan_->next(f)) return;
  next_ = std::make_unique<Pending>();
  next_->fold = f;
  for (int op : {kIfmap, kFilter}) {
    next_->need[op] = f.fetchWords[op] * shape_.wordBytes;
    next_->threshold[op] = std::min(next_->need[op], shape_.sramBytes[op] / 2);
    next_->ready[op] = next_->threshold[op] == 0;
    next_->all[op] = next_->need[op] == 0;
  }
}

void SystolicArray::receive() {
  const Cycle now = cycleOf(sim().now());
  while (port_.hasResponse()) {
    const MemResponse r = port_.takeResponse();
    const auto op = static_cast<Operand>(r.request.id & 3);
    const std::uint64_t seq = r.request.id >> 2;
    if (op == kOfmap) {
      auto g = std::find_if(writes_.begin(), writes_.end(),
                            [&](const WriteGroup& w) { return w.seq == seq; });
      g->outstanding -= r.request.bytes;
      if (g->unissued == 0 && g->outstanding == 0) writes_.erase(g);
      continue;
    }
    Pending& p = cur_ && cur_->fold.seq == seq ? *cur_ : *next_;
    p.arrived[op] += r.request.bytes;
    if (!p.ready[op] && p.arrived[op] >= p.threshold[op]) p.ready[op] = true, p.readyAt[op] = now;
    if (p.arrived[op] == p.need[op]) p.all[op] = true, p.allAt[op] = now;
  }
}

void SystolicArray::issue() {
  auto wanted = [](const Pending* p, bool whole) -> int {
    if (!p) return -1;
    for (int op : {kIfmap, kFilter})
      if (p->requested[op] < (whole ? p->need[op] : p->threshold[op])) return op;
    return -1;
  };
  while (port_.canSend()) {
    MemRequest r;
    r.issued = sim().now();
    Pending* p = nullptr;
    int op = wanted(cur_.get(), true);
    if (op >= 0) p = cur_.get();
    auto write = std::find_if(writes_.begin(), writes_.end(),
                              [](const WriteGroup& w) { return w.unissued > 0; });
    if (!p && write != writes_.end()) {
      r.bytes = static_cast<std::uint32_t>(std::min(requestBytes_, write->unissued));
      r.op = MemOp::kWrite;
      r.addr = write->next;
      r.id = write->seq << 2 | kOfmap;
      write->unissued -= r.bytes;
      write->outstanding += r.bytes;
      write->next += r.bytes;
      port_.send(r);
      continue;
    }
    if (!p && (op = wanted(next_.get(), false)) >= 0) p = next_.get();
    if (!p) break;
    const std::uint64_t limit = p == cur_.get() ? p->need[op] : p->threshold[op];
    r.bytes = static_cast<std::uint32_t>(std::min(requestBytes_, limit - p->requested[op]));
    r.op = MemOp::kRead;
    r.addr = offsets_[op] * shape_.wordBytes + nextAddr_[op];
    r.id = p->fold.seq << 2 | static_cast<std::uint64_t>(op);
    nextAddr_[op] += r.bytes;
    p->requested[op] += r.bytes;
    port_.send(r);
  }
}

bool SystolicArray::tryStart() {
  const Cycle now = cycleOf(sim().now());
  const std::uint64_t seq = cur_->fold.seq;
  const bool ofmapBusy = std::any_of(writes_.begin(), writes_.end(),
                                     [&](const WriteGroup& w) { return w.seq + 2 <= seq; });
  if (ofmapBusy) {
    ofmapBlocked_ = true;
    return false;
  }
  if (ofmapBlocked_) ofmapBlocked_ = false, ofmapFreeAt_ = now;
  if (!cur_->ready[kIfmap] || !cur_->ready[kFilter]) return false;
  std::array<Cycle, 3> constraint = {cur_->readyAt[kIfmap], cur_->readyAt[kFilter], ofmapFreeAt_};
  const FoldTiming& t = cur_->fold.timing;
  if (shadowPreload_ && t.preloads() && seq > 0) {
    // The stationary tile is written into the shadow registers once it has arrived and the
    // previous fold has taken the registers' last contents (at its start).
    const Operand stationary = shape_.dataflow == Dataflow::kWeightStationary ? kFilter : kIfmap;
    constraint[stationary] = std::max(constraint[stationary], prevStart_) + t.preloadCycles();
  }
  Operand blocker = kIfmap;
  Cycle start = prevEnd_;
  for (Operand op : {kIfmap, kFilter, kOfmap})
    if (constraint[op] > start) start = constraint[op], blocker = op;
  if (start > now) {
    timer_->at(clock_.domain()->edge(start));
    return false;
  }
  const Cycle cost = foldCost(cur_->fold);
  record(cur_->fold, start, cost, start - prevEnd_, blocker);
  running_ = true;
  prevStart_ = start;
  runEnd_ = start + cost;
  timer_->at(clock_.domain()->edge(runEnd_));
  return true;
}

bool SystolicArray::tryEnd() {
  if (cycleOf(sim().now()) < runEnd_ || !cur_->all[kIfmap] || !cur_->all[kFilter]) return false;
  // A tile larger than its prefetch half streams in during the fold; the fold cannot end
  // before its last byte arrived.
  const Operand late = cur_->allAt[kFilter] > cur_->allAt[kIfmap] ? kFilter : kIfmap;
  const Cycle end = std::max(runEnd_, cur_->allAt[late]);
  if (end > runEnd_) {
    results_[cur_->fold.layer].stalls[late] += end - runEnd_;
    if (Timeline* tl = sim().timeline())
      tl->slice(tl->lane(path(), "phases"), fmt::format("stall ({})", kOperandNames[late]),
                clock_.domain()->edge(runEnd_), clock_.domain()->edge(end));
  }
  if (const std::uint64_t bytes = cur_->fold.writeWords * shape_.wordBytes)
    writes_.push_back(
        {cur_->fold.seq, bytes, 0, offsets_[kOfmap] * shape_.wordBytes + nextAddr_[kOfmap]});
  nextAddr_[kOfmap] += cur_->fold.writeWords * shape_.wordBytes;
  prevEnd_ = end;
  running_ = false;
  loadNext();
  return true;
}

bool SystolicArray::tick() {
  receive();
  for (bool progress = true; progress && cur_;) progress = running_ ? tryEnd() : tryStart();
  issue();
  if (!cur_ && writes_.empty() && !done_) {
    // The last write-back after the last fold is time the run waits for the ofmap.
    results_[lastLayer_].stalls[kOfmap] += cycleOf(sim().now()) - prevEnd_;
    done_ = true;
  }
  return false;
}

}  // namespace xpusim::systolic
