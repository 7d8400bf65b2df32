#include "models/traffic/TracePlayer.h"

#include <fmt/format.h>

#include "sim/config/Units.h"
#include "sim/core/Simulation.h"

namespace xpusim {

std::vector<ParamSpec> TracePlayer::replayParams() {
  return {
      Param::clock("clock", "clock of the player; trace cycle stamps count its cycles").def("1GHz"),
      Param::uint("issue_width", "requests", "most requests issued per cycle").def("1"),
      Param::uint("max_outstanding", "requests", "most requests in flight at once").def("16"),
  };
}

ComponentInfo TracePlayer::describe() {
  ComponentInfo info;
  info.type = "trace_player";
  info.summary = "Replays a memory trace (DRAMsim3, Ramulator LD/ST or CSV) into a memory port";
  info.params = {
      Param::path("trace", "trace file; the system's workload when left out").optionalValue(),
      Param::choice("format", {"auto", "dramsim3", "ramulator", "csv"},
                    "trace format; auto decides from the first data line")
          .def("auto"),
      Param::bytes("request_size", "bytes per request for formats without a size column")
          .def("64B"),
  };
  for (auto& p : replayParams()) info.params.push_back(std::move(p));
  info.ports = {{"mem", PortKind::kMemoryInitiator, "the memory the trace is replayed into"}};
  info.stats = replayStats();
  return info;
}

std::vector<StatSpec> TracePlayer::replayStats() {
  return {
      {"requests", "requests", "requests completed"},
      {"reads", "requests", "read requests completed"},
      {"writes", "requests", "write requests completed"},
      {"bytes_read", "bytes", "bytes read"},
      {"bytes_written", "bytes", "bytes written"},
      {"stall_cycles", "cycles", "cycles a due request waited for the memory or a free slot"},
      {"finish_ticks", "ps", "time the last response arrived (drain)"},
      {"read_latency", "cycles", "issue-to-response latency of reads"},
      {"write_latency", "cycles", "issue-to-response latency of writes"},
      {"bandwidth", "B/s", "bytes moved over finish time"},
      {"outstanding", "requests", "time-weighted mean of the requests in flight"},
  };
}

TracePlayer::TracePlayer(BuildContext& ctx) : TracePlayer(ctx, GeneratedRecords{}) {
  std::filesystem::path trace;
  if (params().has("trace"))
    trace = params().path("trace");
  else if (sim().workload())
    trace = *sim().workload();
  else
    throw InputError(params().location("trace"),
                     path() + ": no trace: set 'trace:' or give --workload");
  const std::uint64_t size = params().bytes("request_size");
  if (size == 0 || size > UINT32_MAX) throw params().error("request_size", "must be 1B..4GiB");
  const TraceFormat format = MemoryTraceReader::formatNamed(params().choice("format"));
  records_ = MemoryTraceReader::readFile(trace, format, static_cast<std::uint32_t>(size));
}

TracePlayer::TracePlayer(BuildContext& ctx, GeneratedRecords)
    : Component(ctx),
      period_(params().clock("clock")),
      issueWidth_(params().uint("issue_width")),
      maxOutstanding_(params().uint("max_outstanding")),
      clock_(joinClock(period_, *this)),
      timer_(sim().queue(), clock_) {
  if (issueWidth_ == 0) throw params().error("issue_width", "must be at least 1");
  if (maxOutstanding_ == 0) throw params().error("max_outstanding", "must be at least 1");
  stat("requests", requests_);
  stat("reads", reads_);
  stat("writes", writes_);
  stat("bytes_read", bytesRead_);
  stat("bytes_written", bytesWritten_);
  stat("stall_cycles", stallCycles_);
  stat("finish_ticks", finishTicks_);
  stat("read_latency", readLatency_);
  stat("write_latency", writeLatency_);
  stat("outstanding", outstandingAverage_);
  formula("bandwidth", [this] {
    return finishTicks_ ? static_cast<double>(bytesRead_ + bytesWritten_) * 1e12 /
                              static_cast<double>(finishTicks_)
                        : 0.0;
  });
}

void TracePlayer::bind() {
  connect(port_, "mem", clock_);
}

void TracePlayer::start() {
  if (!records_.empty()) clock_.wake();
}

Cycle TracePlayer::stalledCycles(Tick until) const {
  return (until - blockedSince_) / period_;
}

void TracePlayer::receiveResponses() {
  while (port_.hasResponse()) {
    const MemResponse r = port_.takeResponse();
    const Cycle latency = (sim().now() - r.request.issued) / period_;
    if (r.request.op == MemOp::kRead) {
      ++reads_;
      bytesRead_ += r.request.bytes;
      readLatency_.sample(latency);
    } else {
      ++writes_;
      bytesWritten_ += r.request.bytes;
      writeLatency_.sample(latency);
    }
    ++requests_;
    outstandingAverage_.set(sim().now(), static_cast<std::int64_t>(--outstanding_));
    finishTicks_ = sim().now();
  }
}

bool TracePlayer::tick() {
  receiveResponses();
  const Cycle cycle = clock_.domain()->cycle();
  for (std::uint64_t issued = 0; next_ < records_.size() && issued < issueWidth_; ++issued) {
    const TraceRecord& rec = records_[next_];
    if (rec.cycle > cycle) {
      timer_.at(clock_.domain()->edge(rec.cycle));
      break;
    }
    if (outstanding_ >= maxOutstanding_ || !port_.canSend()) {
      if (!blocked_) blockedSince_ = sim().now();
      blocked_ = true;
      break;  // a response or a returning credit wakes us
    }
    if (blocked_) stallCycles_ += stalledCycles(sim().now());
    blocked_ = false;
    port_.send(MemRequest{rec.addr, rec.bytes, rec.op, next_, sim().now()});
    outstandingAverage_.set(sim().now(), static_cast<std::int64_t>(++outstanding_));
    ++next_;
  }
  if (Timeline* t = sim().timeline()) t->counter(path(), "outstanding", sim().now(), outstanding_);
  // Stay awake only while the next record is due and can go out next cycle.
  return next_ < records_.size() && !blocked_ && records_[next_].cycle <= cycle + 1;
}

void TracePlayer::finish(bool drained) {
  if (drained && (next_ < records_.size() || outstanding_ > 0))
    throw std::runtime_error(fmt::format(
        "{}: no work left in the system but {} requests unsent and {} in flight (deadlock)", path(),
        records_.size() - next_, outstanding_));
}

void TracePlayer::summarize(SummaryLines& lines) const {
  lines.emplace_back(path() + " requests",
                     fmt::format("{} ({} reads, {} writes)", requests_, reads_, writes_));
  lines.emplace_back(path() + " finished at", units::formatTime(finishTicks_));
  if (requests_ && finishTicks_)
    lines.emplace_back(path() + " bandwidth",
                       fmt::format("{:.3f} GB/s", static_cast<double>(bytesRead_ + bytesWritten_) *
                                                      1e3 / static_cast<double>(finishTicks_)));
  if (readLatency_.count())
    lines.emplace_back(path() + " read latency",
                       fmt::format("mean {:.2f}, p99 {}, max {} cycles", readLatency_.mean(),
                                   readLatency_.percentile(99), readLatency_.max()));
}

XPUSIM_REGISTER_COMPONENT(TracePlayer)

}  // namespace xpusim
