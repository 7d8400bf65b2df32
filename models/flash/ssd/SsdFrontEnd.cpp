#include "models/flash/ssd/SsdFrontEnd.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/config/InputError.h"

namespace xpusim::flash {

SsdFrontEnd::SsdFrontEnd(EventQueue& queue, FlashArray& array, PageFtl& ftl, HostInterface& host,
                         const BitwiseSensing& sensing, std::vector<SsdRequest> requests,
                         std::uint64_t queueDepth, const std::string& source)
    : queue_(queue),
      array_(array),
      ftl_(ftl),
      host_(host),
      sensing_(sensing),
      requests_(std::move(requests)),
      queueDepth_(queueDepth),
      slots_(queueDepth) {
  for (std::uint32_t s = 0; s < queueDepth; ++s) freeSlots_.push_back(queueDepth - 1 - s);
  for (const SsdRequest& r : requests_)
    if (r.bitwise()) checkBitwise(r, source);
}

void SsdFrontEnd::checkBitwise(const SsdRequest& r, const std::string& source) const {
  const FlashGeometry& g = array_.geometry();
  const std::uint64_t first = r.lba * SsdTraceReader::kSectorBytes;
  if (first % g.pageBytes != 0 || bytesOf(r) % g.pageBytes != 0)
    throw InputError({source, r.line},
                     fmt::format("a bitwise request covers whole operand pages of {} B: LBA and "
                                 "size must be multiples of {} sectors",
                                 g.pageBytes, g.pageBytes / SsdTraceReader::kSectorBytes));
  const std::uint64_t k = bytesOf(r) / g.pageBytes;
  const bool isAnd = r.kind == SsdKind::kBitwiseAnd;
  const std::uint64_t limit =
      isAnd ? std::min<std::uint64_t>(sensing_.maxWordlines(), g.pagesPerBlock)
            : std::min<std::uint64_t>(sensing_.maxBlocks(), g.blocksPerPlane);
  if (k > limit)
    throw InputError(
        {source, r.line},
        fmt::format("a bitwise {} over {} operand pages: one sensing takes at most {} ({})",
                    isAnd ? "AND" : "OR", k, limit,
                    isAnd ? "word lines of a block: mws_max_wordlines" : "blocks: mws_max_blocks"));
}

void SsdFrontEnd::start() {
  if (!requests_.empty())
    queue_.schedule(arrivalEvent_, std::max(queue_.now(), requests_[0].arrival));
}

void SsdFrontEnd::onArrival() {
  while (next_ < requests_.size() && requests_[next_].arrival <= queue_.now() &&
         outstanding_ < queueDepth_)
    admit(static_cast<std::uint32_t>(next_++));
  // A full queue re-arms from finishRequest; otherwise wait for the next arrival.
  if (next_ < requests_.size() && outstanding_ < queueDepth_)
    queue_.schedule(arrivalEvent_, requests_[next_].arrival);
}

void SsdFrontEnd::admit(std::uint32_t request) {
  ++outstanding_;
  const std::uint32_t slot = freeSlots_.back();
  freeSlots_.pop_back();
  slots_[slot] = Pending{request, 0, 0};
  const SsdRequest& r = requests_[request];
  const Tick ready = queue_.now() + host_.latency();
  // Writes bring their data over the host link before the flash sees them.
  at(r.write() ? host_.book(bytesOf(r), ready, false) : ready, slot, Action::kSubmitFlash);
}

void SsdFrontEnd::at(Tick t, std::uint32_t slot, Action a) {
  timed_.push({t, slot, a});
  if (timedEvent_.scheduled()) {
    if (timedEvent_.when() <= t) return;
    queue_.deschedule(timedEvent_);
  }
  queue_.schedule(timedEvent_, t);
}

void SsdFrontEnd::onTimed() {
  while (!timed_.empty() && timed_.top().at <= queue_.now()) {
    const Timed t = timed_.top();
    timed_.pop();
    if (t.action == Action::kSubmitFlash) {
      submitFlash(t.slot);
    } else {
      finishRequest(t.slot);
    }
  }
  if (!timed_.empty() && !timedEvent_.scheduled()) queue_.schedule(timedEvent_, timed_.top().at);
}

FlashOp& SsdFrontEnd::newOp(std::uint32_t slot) {
  if (freeOps_.empty()) {
    freeOps_.push_back(static_cast<std::uint32_t>(ops_.size()));
    ops_.emplace_back();
  }
  const std::uint32_t index = freeOps_.back();
  freeOps_.pop_back();
  FlashOp& op = ops_[index];
  op = FlashOp{};
  op.tag = (std::uint64_t{slot} << 32) | index;
  ++slots_[slot].opsLeft;
  return op;
}

void SsdFrontEnd::submitFlash(std::uint32_t slot) {
  Pending& p = slots_[slot];
  const SsdRequest& r = requests_[p.request];
  const std::uint64_t pageBytes = array_.geometry().pageBytes;
  const std::uint64_t first = r.lba * SsdTraceReader::kSectorBytes;
  const std::uint64_t last = first + bytesOf(r);
  p.deviceStart = queue_.now();
  if (r.bitwise()) {
    FlashOp& op = newOp(slot);
    op.kind = FlashOpKind::kSenseBitwise;
    op.addr = ftl_.readAddress(first / pageBytes);
    op.senseTime = sensing_.senseTime(bytesOf(r) / pageBytes);
    op.busOutBytes = pageBytes;
    array_.submit(op);
    return;
  }
  for (std::uint64_t lpa = first / pageBytes; lpa * pageBytes < last; ++lpa) {
    const std::uint64_t lo = std::max(first, lpa * pageBytes);
    const std::uint64_t hi = std::min(last, (lpa + 1) * pageBytes);
    FlashOp& op = newOp(slot);
    op.kind = r.write() ? FlashOpKind::kProgram : FlashOpKind::kRead;
    op.addr = r.write() ? ftl_.writeAddress(lpa) : ftl_.readAddress(lpa);
    (r.write() ? op.busInBytes : op.busOutBytes) = hi - lo;
    array_.submit(op);
  }
}

void SsdFrontEnd::flashOpDone(FlashOp& op) {
  const auto slot = static_cast<std::uint32_t>(op.tag >> 32);
  freeOps_.push_back(static_cast<std::uint32_t>(op.tag & 0xffffffffu));
  Pending& p = slots_[slot];
  if (--p.opsLeft > 0) return;
  const SsdRequest& r = requests_[p.request];
  const Tick now = queue_.now();
  if (!r.bitwise())
    (r.write() ? stats_.writeDeviceLatency : stats_.readDeviceLatency).sample(now - p.deviceStart);
  at(r.write() ? now : host_.book(hostBytes(r), now, true), slot, Action::kComplete);
}

void SsdFrontEnd::finishRequest(std::uint32_t slot) {
  const SsdRequest& r = requests_[slots_[slot].request];
  const Tick now = queue_.now();
  if (r.write()) {
    ++stats_.writes;
    stats_.bytesWritten += bytesOf(r);
    stats_.writeLatency.sample(now - r.arrival);
  } else if (r.bitwise()) {
    ++stats_.bitwise;
    stats_.bytesRead += hostBytes(r);
    stats_.bitwiseLatency.sample(now - r.arrival);
  } else {
    ++stats_.reads;
    stats_.bytesRead += bytesOf(r);
    stats_.readLatency.sample(now - r.arrival);
  }
  stats_.lastCompletion = now;
  freeSlots_.push_back(slot);
  --outstanding_;
  ++completed_;
  if (next_ < requests_.size() && !arrivalEvent_.scheduled())
    queue_.schedule(arrivalEvent_, std::max(queue_.now(), requests_[next_].arrival));
}

}  // namespace xpusim::flash
