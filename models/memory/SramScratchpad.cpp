#include "models/memory/SramScratchpad.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/core/Simulation.h"

namespace xpusim {

ComponentInfo SramScratchpad::describe() {
  ComponentInfo info;
  info.type = "sram";
  info.summary = "Banked SRAM scratchpad: ports, pipelined latency, per-bank bandwidth, conflicts";
  info.params = {
      Param::clock("clock", "clock of the SRAM").def("1GHz"),
      Param::bytes("size", "capacity; a multiple of banks x bank_width").def("64KiB"),
      Param::uint("banks", "banks", "independent banks, interleaved line by line").def("8"),
      Param::bytes("bank_width", "bytes one bank reads or writes per cycle (a line)").def("16B"),
      Param::uint("latency", "cycles", "cycles from a request's last line to its response")
          .def("2"),
      Param::uint("ports", "ports", "target ports (port0, port1, ...), one request each per cycle")
          .def("1"),
      Param::uint("queue_depth", "requests", "requests accepted and in flight per port").def("8"),
  };
  info.ports = {{"port", PortKind::kMemoryTarget,
                 "port0..port<ports-1>; 'port' is port0. Each serves one initiator"}};
  info.stats = {
      {"reads", "requests", "reads served"},
      {"writes", "requests", "writes served"},
      {"bytes_read", "bytes", "bytes read"},
      {"bytes_written", "bytes", "bytes written"},
      {"conflict_cycles", "cycles", "request-cycles spent waiting for a busy bank"},
      {"bank_accesses", "lines", "lines moved by each bank"},
      {"bank_conflicts", "cycles", "request-cycles each bank made a request wait"},
  };
  return info;
}

SramScratchpad::SramScratchpad(BuildContext& ctx)
    : Component(ctx),
      period_(params().clock("clock")),
      size_(params().bytes("size")),
      banks_(params().uint("banks")),
      bankWidth_(params().bytes("bank_width")),
      latency_(params().uint("latency")),
      depth_(params().uint("queue_depth")),
      clock_(joinClock(period_, *this)),
      timer_(sim().queue(), clock_) {
  const std::uint64_t ports = params().uint("ports");
  if (banks_ == 0) throw params().error("banks", "must be at least 1");
  if (bankWidth_ == 0) throw params().error("bank_width", "must be at least 1 byte");
  if (latency_ == 0) throw params().error("latency", "must be at least 1 cycle");
  if (ports == 0) throw params().error("ports", "must be at least 1");
  if (depth_ == 0) throw params().error("queue_depth", "must be at least 1");
  if (size_ == 0 || size_ % (banks_ * bankWidth_) != 0)
    throw params().error("size", fmt::format("must be a positive multiple of banks x bank_width "
                                             "= {} bytes",
                                             banks_ * bankWidth_));
  for (std::uint64_t p = 0; p < ports; ++p) {
    ports_.push_back(std::make_unique<MemoryTargetPort>(
        sim().queue(), fmt::format("{}.port{}", path(), p), depth_, depth_, period_));
    ports_.back()->bindTarget(clock_);
  }
  inFlightPerPort_.assign(ports, 0);
  bankFreeAt_.assign(banks_, 0);
  bankAccesses_.assign(banks_, 0);
  bankConflicts_.assign(banks_, 0);
  if (Timeline* t = sim().timeline())
    for (std::uint64_t b = 0; b < banks_; ++b)
      lanes_.push_back(t->lane(path(), fmt::format("bank{}", b)));
  stat("reads", reads_);
  stat("writes", writes_);
  stat("bytes_read", bytesRead_);
  stat("bytes_written", bytesWritten_);
  stat("conflict_cycles", conflictCycles_);
  stat("bank_accesses", bankAccesses_);
  stat("bank_conflicts", bankConflicts_);
}

MemoryTargetPort* SramScratchpad::memoryTarget(std::string_view port) {
  return indexedTargetPort(port, ports_);
}

bool SramScratchpad::tryStart(std::size_t port, Cycle now) {
  const MemRequest& r = ports_[port]->peekRequest();
  if (r.bytes == 0 || r.addr >= size_ || r.bytes > size_ - r.addr)
    throw std::runtime_error(
        fmt::format("{}: request for {} bytes at 0x{:x} is outside the {} "
                    "bytes of the scratchpad",
                    path(), r.bytes, r.addr, size_));
  const std::uint64_t first = r.addr / bankWidth_;
  const std::uint64_t lines = (r.addr + r.bytes - 1) / bankWidth_ - first + 1;
  const std::uint64_t touched = std::min(lines, banks_);
  bool free = true;
  for (std::uint64_t i = 0; i < touched; ++i) {
    const std::uint64_t b = (first + i) % banks_;
    if (bankFreeAt_[b] > now) {
      ++bankConflicts_[b];
      free = false;
    }
  }
  if (!free) {
    ++conflictCycles_;
    return false;
  }
  for (std::uint64_t i = 0; i < touched; ++i) {
    const std::uint64_t b = (first + i) % banks_;
    const std::uint64_t count = lines / banks_ + (i < lines % banks_ ? 1 : 0);
    bankFreeAt_[b] = now + count;
    bankAccesses_[b] += count;
    if (!lanes_.empty())
      sim().timeline()->slice(lanes_[b], r.op == MemOp::kRead ? "read" : "write", sim().now(),
                              sim().now() + count * period_);
  }
  const Cycle done = now + (lines + banks_ - 1) / banks_ - 1 + latency_;
  const Pending p{done, sequence_++, port, ports_[port]->takeRequest()};
  pending_.insert(std::upper_bound(pending_.begin(), pending_.end(), p,
                                   [](const Pending& a, const Pending& b) {
                                     return a.done < b.done || (a.done == b.done && a.seq < b.seq);
                                   }),
                  p);
  ++inFlightPerPort_[port];
  return true;
}

void SramScratchpad::sendResponses(Cycle now) {
  for (auto it = pending_.begin(); it != pending_.end() && it->done <= now;) {
    MemoryTargetPort& port = *ports_[it->port];
    if (!port.canRespond()) {
      ++it;  // a returning credit wakes us
      continue;
    }
    const MemRequest& r = it->request;
    if (r.op == MemOp::kRead) {
      ++reads_;
      bytesRead_ += r.bytes;
    } else {
      ++writes_;
      bytesWritten_ += r.bytes;
    }
    port.respond(r, sim().now());
    --inFlightPerPort_[it->port];
    it = pending_.erase(it);
  }
}

bool SramScratchpad::tick() {
  const Cycle now = clock_.domain()->cycle();
  sendResponses(now);
  bool waiting = false;
  for (std::size_t k = 0; k < ports_.size(); ++k) {
    const std::size_t p = (rotate_ + k) % ports_.size();
    if (ports_[p]->hasRequest() && inFlightPerPort_[p] < depth_) waiting |= !tryStart(p, now);
  }
  rotate_ = (rotate_ + 1) % ports_.size();
  for (const Pending& p : pending_)
    if (p.done > now) {
      timer_.at(clock_.domain()->edge(p.done));
      break;
    }
  // A request blocked by a busy bank retries next cycle; everything else wakes us.
  return waiting;
}

XPUSIM_REGISTER_COMPONENT(SramScratchpad)

}  // namespace xpusim
