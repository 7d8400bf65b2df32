#include "models/memory/IdealMemory.h"

#include "sim/core/Simulation.h"

namespace xpusim {

ComponentInfo IdealMemory::describe() {
  ComponentInfo info;
  info.type = "ideal_memory";
  info.summary = "Fixed-latency, bandwidth-limited memory with no banks or timing rules";
  info.params = {
      Param::clock("clock", "clock on whose edges requests are taken and answered").def("1GHz"),
      Param::time("latency", "time from the end of a transfer to its completion").def("10ns"),
      Param::bandwidth("bandwidth", "data-path bandwidth shared by reads and writes").def("16GB/s"),
      Param::uint("queue_depth", "requests", "requests accepted and in flight at once").def("16"),
  };
  info.ports = {{"port", PortKind::kMemoryTarget, "requests from one initiator"}};
  info.stats = {
      {"reads", "requests", "reads served"},
      {"writes", "requests", "writes served"},
      {"bytes", "bytes", "bytes transferred"},
      {"busy_ticks", "ps", "time the data path was transferring"},
  };
  return info;
}

IdealMemory::IdealMemory(BuildContext& ctx)
    : Component(ctx),
      period_(params().clock("clock")),
      latency_(params().time("latency")),
      bandwidth_(params().bandwidth("bandwidth")),
      depth_(params().uint("queue_depth")),
      clock_(joinClock(period_, *this)),
      port_(sim().queue(), path() + ".port", depth_ ? depth_ : 1, depth_ ? depth_ : 1, period_),
      timer_(sim().queue(), clock_) {
  if (bandwidth_ == 0) throw params().error("bandwidth", "must be positive");
  if (depth_ == 0) throw params().error("queue_depth", "must be at least 1");
  port_.bindTarget(clock_);
  stat("reads", reads_);
  stat("writes", writes_);
  stat("bytes", bytes_);
  stat("busy_ticks", busyTicks_);
}

MemoryTargetPort* IdealMemory::memoryTarget(std::string_view port) {
  return port == "port" ? &port_ : nullptr;
}

bool IdealMemory::tick() {
  const Tick now = sim().now();
  while (port_.hasRequest() && inFlight_.size() < depth_) {
    const MemRequest r = port_.takeRequest();
    // ceil(bytes * 1e12 / bandwidth) ps, exact in 128-bit arithmetic.
    __extension__ const unsigned __int128 scaled =
        static_cast<unsigned __int128>(r.bytes) * kSecond;
    const Tick transfer = static_cast<Tick>((scaled + bandwidth_ - 1) / bandwidth_);
    const Tick start = std::max(now, busyUntil_);
    busyUntil_ = start + transfer;
    busyTicks_ += transfer;
    inFlight_.push_back({busyUntil_ + latency_, r});
  }
  while (!inFlight_.empty() && inFlight_.front().done <= now && port_.canRespond()) {
    const MemRequest& r = inFlight_.front().request;
    (r.op == MemOp::kRead ? reads_ : writes_) += 1;
    bytes_ += r.bytes;
    port_.respond(r, now);
    inFlight_.pop_front();
  }
  // Arrivals and returning credits wake us; so does the next completion.
  if (!inFlight_.empty() && inFlight_.front().done > now) timer_.at(inFlight_.front().done);
  return false;
}

XPUSIM_REGISTER_COMPONENT(IdealMemory)

}  // namespace xpusim
