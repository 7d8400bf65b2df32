#include "models/memory/dram/Dram.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/config/Units.h"
#include "sim/core/Simulation.h"

namespace xpusim {

namespace {

DramPolicy readPolicy(ParamReader& p, const DramSpec& spec) {
  DramPolicy d;
  auto positive = [&](const char* name) {
    const std::uint64_t v = p.uint(name);
    if (v == 0 || v > 4096) throw p.error(name, "must be 1..4096");
    return static_cast<std::uint32_t>(v);
  };
  d.readQueue = positive("read_queue");
  d.writeQueue = positive("write_queue");
  d.writeHigh = positive("write_high_watermark");
  d.writeLow = static_cast<std::uint32_t>(p.uint("write_low_watermark"));
  if (d.writeHigh > d.writeQueue)
    throw p.error("write_high_watermark", "must be at most write_queue");
  if (d.writeLow >= d.writeHigh)
    throw p.error("write_low_watermark", "must be below write_high_watermark");
  d.scheduler = p.choice("scheduler") == "fcfs" ? DramPolicy::Scheduler::kFcfs
                                                : DramPolicy::Scheduler::kFrFcfs;
  d.openPage = p.choice("page_policy") == "open";
  const std::string refresh = p.choice("refresh");
  d.refresh = refresh == "per_bank"    ? DramPolicy::Refresh::kPerBank
              : refresh == "same_bank" ? DramPolicy::Refresh::kSameBank
              : refresh == "off"       ? DramPolicy::Refresh::kOff
                                       : DramPolicy::Refresh::kAllBank;
  if (d.refresh == DramPolicy::Refresh::kPerBank &&
      (spec.timing.tREFIpb == 0 || spec.timing.tRFCpb == 0))
    throw p.error("refresh", "per_bank refresh needs tREFIpb and tRFCpb in the preset");
  if (d.refresh == DramPolicy::Refresh::kSameBank && spec.timing.tRFCsb == 0)
    throw p.error("refresh", "same_bank refresh (DDR5 REFsb) needs tRFCsb in the preset");
  return d;
}

AddressMapper readMapper(ParamReader& p, const DramOrganisation& org) {
  try {
    return AddressMapper(org, p.text("address_mapping"));
  } catch (const std::invalid_argument& e) {
    throw p.error("address_mapping", e.what());
  }
}

}  // namespace

ComponentInfo Dram::describe() {
  ComponentInfo info;
  info.type = "dram";
  info.summary = "DRAM device + per-channel controllers at DRAM-command granularity (JEDEC timing)";
  info.params = DramSpec::params();
  const std::vector<ParamSpec> controller = {
      Param::uint("ports", "ports", "target ports (port0, port1, ...), one initiator each")
          .def("1"),
      Param::uint("port_depth", "requests",
                  "requests a port holds before the controller takes "
                  "them")
          .def("32"),
      Param::text("address_mapping",
                  "bit order, most significant first: Ch Pc Ra Bg Ba Ro Co (e.g. RoBaRaCoCh)")
          .def("RoBaRaCoCh"),
      Param::uint("read_queue", "transactions", "read queue per channel").def("32"),
      Param::uint("write_queue", "transactions", "write queue per channel").def("32"),
      Param::uint("write_high_watermark", "transactions",
                  "queued writes that switch the channel to draining writes")
          .def("24"),
      Param::uint("write_low_watermark", "transactions",
                  "queued writes at which draining stops if reads wait")
          .def("8"),
      Param::choice("scheduler", {"frfcfs", "fcfs"},
                    "frfcfs: oldest ready row hit first, then oldest ready; fcfs: oldest only")
          .def("frfcfs"),
      Param::choice("page_policy", {"open", "closed"},
                    "closed: auto-precharge unless another queued request hits the row")
          .def("open"),
      Param::choice("refresh", {"all_bank", "per_bank", "same_bank", "off"},
                    "refresh mode (same_bank: DDR5 REFsb; off only for closed-form checks)")
          .def("all_bank"),
      Param::path("command_trace", "CSV of every command (cycle,command,channel,...)")
          .optionalValue(),
  };
  info.params.insert(info.params.end(), controller.begin(), controller.end());
  info.ports = {{"port", PortKind::kMemoryTarget,
                 "port0..port<ports-1>; 'port' is port0. Each serves one initiator"}};
  info.stats = {
      {"cycles", "cycles", "memory cycle at which the last request completed (drain)"},
      {"requests", "requests", "requests completed"},
      {"bytes", "bytes", "bytes moved on the data bus"},
      {"bandwidth_GBps", "GB/s", "bytes over cycles x tCK"},
      {"peak_share", "", "bandwidth_GBps over the peak data bandwidth"},
      {"row_hits", "transactions", "first command was the column command"},
      {"row_misses", "transactions", "first command was ACT (bank closed)"},
      {"row_conflicts", "transactions", "first command was PRE (another row open)"},
      {"read_latency", "cycles", "arrival to last data beat of completed reads"},
      {"read_latency_mean", "cycles", "mean read latency"},
      {"read_latency_p99", "cycles", "99th percentile read latency"},
      {"act", "commands", "ACT commands"},
      {"pre", "commands", "PRE and PREA commands (auto-precharge not counted)"},
      {"rd", "commands", "RD and RDA commands"},
      {"wr", "commands", "WR and WRA commands"},
      {"ref", "commands", "REF, REFpb and REFsb commands"},
      {"refpb", "commands", "per-bank refresh commands"},
      {"energy_pj", "pJ", "per-command energies plus background power"},
      {"last_command_cycle", "cycles", "memory cycle of the last command issued"},
  };
  return info;
}

Dram::Dram(BuildContext& ctx)
    : Component(ctx),
      spec_(DramSpec::read(params())),
      policy_(readPolicy(params(), spec_)),
      mapper_(readMapper(params(), spec_.org)),
      period_(spec_.timing.tCK),
      clock_(joinClock(period_, *this)),
      timer_(sim().queue(), clock_) {
  const std::uint64_t ports = params().uint("ports");
  const std::uint64_t depth = params().uint("port_depth");
  if (ports == 0 || ports > 64) throw params().error("ports", "must be 1..64");
  if (depth == 0 || depth > 4096) throw params().error("port_depth", "must be 1..4096");
  if (params().has("command_trace")) {
    traceFile_ = params().path("command_trace");
    trace_ = std::make_unique<CommandTrace>();
  }
  // Responses leave at most one per request slot; the initiator drains them as they arrive.
  const std::size_t responses = depth;
  for (std::uint64_t p = 0; p < ports; ++p) {
    ports_.push_back(std::make_unique<MemoryTargetPort>(
        sim().queue(), fmt::format("{}.port{}", path(), p), depth, responses, period_));
    ports_.back()->bindTarget(clock_);
  }
  channels_.reserve(spec_.org.channels);
  for (std::uint32_t c = 0; c < spec_.org.channels; ++c)
    channels_.emplace_back(c, spec_, policy_, trace_.get());
  if (Timeline* timeline = sim().timeline())
    for (std::uint32_t c = 0; c < spec_.org.channels; ++c) {
      timelines_.push_back(std::make_unique<CommandTimeline>(
          *timeline, fmt::format("{}.ch{}", path(), c), spec_.org, period_));
      channels_[c].drawCommandsOn(timelines_.back().get());
    }
  wake_.assign(spec_.org.channels, DramController::kNever);
  portBlocked_.assign(ports, false);
  pieces_.reserve(std::max(policy_.readQueue, policy_.writeQueue));
  needReads_.assign(spec_.org.channels, 0);
  needWrites_.assign(spec_.org.channels, 0);
  registerStats("", total_);
  for (std::uint32_t c = 0; c < spec_.org.channels; ++c)
    registerStats(fmt::format("ch{}.", c), channels_[c].stats());
}

Dram::~Dram() = default;

void Dram::registerStats(const std::string& prefix, DramChannelStats& s) {
  stat("cycles", s.cycles, prefix);
  stat("requests", s.requests, prefix);
  stat("bytes", s.bytes, prefix);
  stat("bandwidth_GBps", s.bandwidthGBps, prefix);
  stat("peak_share", s.peakShare, prefix);
  stat("row_hits", s.rowHits, prefix);
  stat("row_misses", s.rowMisses, prefix);
  stat("row_conflicts", s.rowConflicts, prefix);
  stat("read_latency", s.readLatency, prefix);
  stat("read_latency_mean", s.readLatencyMean, prefix);
  stat("read_latency_p99", s.readLatencyP99, prefix);
  stat("act", s.act, prefix);
  stat("pre", s.pre, prefix);
  stat("rd", s.rd, prefix);
  stat("wr", s.wr, prefix);
  stat("ref", s.ref, prefix);
  stat("refpb", s.refpb, prefix);
  stat("energy_pj", s.energyPj, prefix);
  stat("last_command_cycle", s.lastCommand, prefix);
}

MemoryTargetPort* Dram::memoryTarget(std::string_view port) {
  return indexedTargetPort(port, ports_);
}

bool Dram::accept(std::uint32_t port, Cycle now, Cycle serveAt) {
  MemoryTargetPort& p = *ports_[port];
  const MemRequest& r = p.peekRequest();
  if (r.bytes == 0) throw std::runtime_error(fmt::format("{}: request of 0 bytes", path()));
  const unsigned shift = mapper_.offsetBits();
  const Addr first = r.addr >> shift;
  const Addr pieces = ((r.addr + r.bytes - 1) >> shift) - first + 1;
  const bool write = r.op == MemOp::kWrite;
  const DramAddress head = mapper_.map(r.addr);
  if (pieces > (write ? policy_.writeQueue : policy_.readQueue))
    throw std::runtime_error(
        fmt::format("{}: a {}-byte request needs {} bursts, more than the queue holds", path(),
                    r.bytes, pieces));
  pieces_.clear();
  if (pieces == 1 || channels_.size() == 1) {  // every burst goes to the head's channel
    const auto n = static_cast<std::uint32_t>(pieces);
    if (!channels_[head.channel].canAccept(write ? 0 : n, write ? n : 0)) return false;
  } else {  // map the bursts once, count them per channel
    std::fill(needReads_.begin(), needReads_.end(), 0);
    std::fill(needWrites_.begin(), needWrites_.end(), 0);
    for (Addr k = 0; k < pieces; ++k) {
      pieces_.push_back(mapper_.map((first + k) << shift));
      ++(write ? needWrites_ : needReads_)[pieces_.back().channel];
    }
    for (std::size_t c = 0; c < channels_.size(); ++c)
      if (!channels_[c].canAccept(needReads_[c], needWrites_[c])) return false;
  }

  std::uint32_t owner;
  if (freePending_.empty()) {
    owner = static_cast<std::uint32_t>(pending_.size());
    pending_.emplace_back();
  } else {
    owner = freePending_.back();
    freePending_.pop_back();
  }
  Pending& o = pending_[owner];
  o.request = p.takeRequest();
  o.port = port;
  o.remaining = static_cast<std::uint32_t>(pieces);
  o.channel = head.channel;
  o.arrival = now;
  o.done = 0;
  ++inFlight_;
  for (Addr k = 0; k < pieces; ++k) {
    const DramAddress a = !pieces_.empty() ? pieces_[k]
                          : k == 0         ? head
                                           : mapper_.map((first + k) << shift);
    channels_[a.channel].enqueue(a, write, owner, now);
    wake_[a.channel] = std::min(wake_[a.channel], serveAt);
  }
  return true;
}

void Dram::complete() {
  for (const DramCompletion& c : completions_) {
    Pending& o = pending_[c.owner];
    o.done = std::max(o.done, c.done);
    if (--o.remaining == 0) due_.push(Due{o.done, sequence_++, c.owner});
  }
  completions_.clear();
}

bool Dram::respond(Cycle now) {
  while (!due_.empty() && due_.top().done <= now) {
    const std::uint32_t owner = due_.top().owner;
    Pending& o = pending_[owner];
    MemoryTargetPort& port = *ports_[o.port];
    if (!port.canRespond()) return false;  // a returning credit wakes us
    port.respond(o.request, sim().now());
    DramChannelStats& s = channels_[o.channel].stats();
    ++s.requests;
    s.cycles = std::max(s.cycles, o.done);
    if (o.request.op == MemOp::kRead) {
      s.readLatency.sample(o.done - o.arrival);
      total_.readLatency.sample(o.done - o.arrival);
    }
    freePending_.push_back(owner);
    --inFlight_;
    due_.pop();
  }
  return true;
}

bool Dram::tick() {
  const Cycle now = clock_.domain()->cycle();
  const auto nPorts = static_cast<std::uint32_t>(ports_.size());
  bool responsesFlow = respond(now);
  // A port whose head request found its queue full waits for a slot to free (below).
  for (std::uint32_t k = 0; k < nPorts; ++k) {
    const std::uint32_t p = (rotate_ + k) % nPorts;
    while (!portBlocked_[p] && ports_[p]->hasRequest())
      if (!accept(p, now, now)) portBlocked_[p] = true;
  }
  rotate_ = (rotate_ + 1) % nPorts;
  for (std::size_t c = 0; c < channels_.size(); ++c)
    if (wake_[c] <= now) wake_[c] = channels_[c].serve(now, completions_);
  // Slots freed this cycle (a column command left a queue) take waiting requests, served from
  // the next cycle.
  if (!completions_.empty())
    for (std::uint32_t p = 0; p < nPorts; ++p) {
      portBlocked_[p] = false;
      while (ports_[p]->hasRequest())
        if (!accept(p, now, now + 1)) {
          portBlocked_[p] = true;
          break;
        }
    }
  complete();
  responsesFlow = responsesFlow && respond(now);
  Cycle next = *std::min_element(wake_.begin(), wake_.end());
  if (responsesFlow && !due_.empty()) next = std::min(next, due_.top().done);
  if (next == DramController::kNever) return false;
  if (next <= now + 1) return true;
  timer_.at(clock_.domain()->edge(next));
  return false;
}

void Dram::computeDerived(DramChannelStats& s, double peakGBps) {
  const DramEnergy& e = spec_.energy;
  const double seconds = static_cast<double>(s.cycles * period_) * 1e-12;
  s.bandwidthGBps = seconds > 0 ? static_cast<double>(s.bytes) / seconds * 1e-9 : 0;
  s.peakShare = s.bandwidthGBps / peakGBps;
  s.readLatencyMean = s.readLatency.mean();
  s.readLatencyP99 = static_cast<double>(s.readLatency.percentile(99));
  s.energyPj = e.act * s.act + e.pre * s.pre + e.rd * s.rd + e.wr * s.wr +
               e.ref * (s.ref - s.refpb - s.refsb) + e.refpb * s.refpb + e.refsb * s.refsb;
}

void Dram::finish(bool drained) {
  std::size_t queued = 0;
  for (const auto& c : channels_) queued += c.queued();
  if (drained && (inFlight_ > 0 || queued > 0))
    throw std::runtime_error(fmt::format(
        "{}: no work left in the system but {} requests in flight (deadlock)", path(), inFlight_));
  const double peakChannel = spec_.peakBytesPerSecond() * 1e-9 / spec_.org.channels;
  const double rankMw = spec_.energy.backgroundMw * spec_.org.ranksPerChannel();
  Distribution latency = std::move(total_.readLatency);
  total_ = DramChannelStats{};
  total_.readLatency = std::move(latency);
  for (auto& c : channels_) {
    DramChannelStats& s = c.stats();
    computeDerived(s, peakChannel);
    // mW x ps = 1e-15 J = 1e-3 pJ
    s.energyPj += rankMw * static_cast<double>(s.cycles * period_) * 1e-3;
    total_.cycles = std::max(total_.cycles, s.cycles);
    total_.lastCommand = std::max(total_.lastCommand, s.lastCommand);
    total_.requests += s.requests;
    total_.bytes += s.bytes;
    total_.rowHits += s.rowHits;
    total_.rowMisses += s.rowMisses;
    total_.rowConflicts += s.rowConflicts;
    total_.act += s.act;
    total_.pre += s.pre;
    total_.rd += s.rd;
    total_.wr += s.wr;
    total_.ref += s.ref;
    total_.refpb += s.refpb;
    total_.refsb += s.refsb;
  }
  computeDerived(total_, peakChannel * spec_.org.channels);
  total_.energyPj = 0;  // the channels' energies include their background power
  for (const auto& c : channels_) total_.energyPj += c.stats().energyPj;
  if (trace_) trace_->write(traceFile_);
}

void Dram::summarize(SummaryLines& lines) const {
  const DramChannelStats& s = total_;
  const std::string p = path();
  lines.emplace_back(p + " done",
                     fmt::format("last request completed at cycle {} ({}), {} "
                                 "requests drained",
                                 s.cycles, units::formatTime(s.cycles * period_), s.requests));
  lines.emplace_back(p + " bandwidth",
                     fmt::format("{:.3f} GB/s ({:.1f}% of peak {:.1f} GB/s)", s.bandwidthGBps,
                                 100 * s.peakShare, spec_.peakBytesPerSecond() * 1e-9));
  lines.emplace_back(p + " rows", fmt::format("{} hits, {} misses, {} conflicts", s.rowHits,
                                              s.rowMisses, s.rowConflicts));
  if (s.readLatency.count())
    lines.emplace_back(p + " read latency",
                       fmt::format("mean {:.2f}, p50 {}, p99 {}, max {} cycles",
                                   s.readLatency.mean(), s.readLatency.percentile(50),
                                   s.readLatency.percentile(99), s.readLatency.max()));
  lines.emplace_back(p + " commands", fmt::format("ACT {}, PRE {}, RD {}, WR {}, REF {}", s.act,
                                                  s.pre, s.rd, s.wr, s.ref));
  if (s.energyPj > 0)
    lines.emplace_back(p + " energy", fmt::format("{:.1f} nJ", s.energyPj * 1e-3));
}

XPUSIM_REGISTER_COMPONENT(Dram)

}  // namespace xpusim
