#include "models/dataflow/GraphRun.h"

#include <algorithm>

#include <fmt/format.h>

#include "models/dataflow/units/ComputeUnit.h"
#include "models/dataflow/units/LoadUnit.h"
#include "models/dataflow/units/MemoryUnit.h"
#include "models/dataflow/units/SinkUnit.h"
#include "models/dataflow/units/SourceUnit.h"
#include "models/dataflow/units/StoreUnit.h"

namespace xpusim::dataflow {

namespace {
const char* const kStateStat[] = {"busy_cycles", "starved_cycles", "blocked_cycles",
                                  "memory_cycles"};

std::string copyName(const NodeSpec& n, std::uint32_t c) {
  return n.copies == 1 ? n.name : fmt::format("{}[{}]", n.name, c);
}
}  // namespace

GraphRun::GraphRun(GraphSpec spec, Env env)
    : spec_(std::move(spec)),
      env_(std::move(env)),
      placement_(spec_, env_.arch),
      links_(env_.arch.period) {
  build();
}

GraphRun::~GraphRun() = default;

Unit& GraphRun::makeUnit(std::size_t i, std::uint32_t c, const std::string& name) {
  const NodeSpec& n = spec_.nodes[i];
  const RduArch& arch = env_.arch;
  const Placement::Site& site = placement_.site(i, c);
  const EdgeSpec* in = n.inputs.empty() ? nullptr : &spec_.edges[n.inputs[0]];
  const EdgeSpec* out = n.outputs.empty() ? nullptr : &spec_.edges[n.outputs[0]];
  auto tier = [&](const EdgeSpec& e) -> std::pair<OffChipTier*, std::uint32_t> {
    const std::uint32_t bytes = e.width * elemBytes(e.type);
    if (bytes == 0)
      throw InputError(e.where, fmt::format("edge {}: an off-chip transfer needs a data type, "
                                            "not ctrl",
                                            e.name));
    return {env_.tiers[static_cast<std::size_t>(n.tier)], bytes};
  };
  // Each AGU copy streams its own 4 GiB window of the tier's address space.
  const Addr base = (static_cast<Addr>(i) << 40) | (static_cast<Addr>(c) << 32);
  switch (n.kind) {
    case NodeKind::kStream:
      units_.push_back(std::make_unique<SourceUnit>(name, n));
      break;
    case NodeKind::kSink:
      units_.push_back(std::make_unique<SinkUnit>(name, n));
      break;
    case NodeKind::kCompute: {
      auto u = std::make_unique<ComputeUnit>(name, site, n, PcuTiming::of(n, in->width, arch),
                                             static_cast<double>(in->width));
      u->start(arch.period);
      units_.push_back(std::move(u));
      break;
    }
    case NodeKind::kMemory: {
      auto u = std::make_unique<MemoryUnit>(name, site, n, in->width, arch);
      u->start(arch.period);
      units_.push_back(std::move(u));
      break;
    }
    case NodeKind::kLoad: {
      const auto [t, bytes] = tier(*out);
      units_.push_back(
          std::make_unique<LoadUnit>(name, site, n, *t, bytes, arch.aguOutstanding, base));
      break;
    }
    case NodeKind::kStore: {
      const auto [t, bytes] = tier(*in);
      units_.push_back(
          std::make_unique<StoreUnit>(name, site, n, *t, bytes, arch.aguOutstanding, base));
      break;
    }
  }
  Unit& u = *units_.back();
  u.attach(env_.clock, env_.queue, env_.timeline, env_.path, this);
  return u;
}

void GraphRun::build() {
  const RduArch& arch = env_.arch;
  byNode_.resize(spec_.nodes.size());
  for (std::size_t i = 0; i < spec_.nodes.size(); ++i)
    for (std::uint32_t c = 0; c < spec_.nodes[i].copies; ++c)
      byNode_[i].push_back(&makeUnit(i, c, copyName(spec_.nodes[i], c)));
  // Ports in edge order, so a unit's inputs follow the node's input edges.
  for (std::size_t i = 0; i < spec_.nodes.size(); ++i)
    for (Unit* u : byNode_[i]) {
      u->inputs().resize(spec_.nodes[i].inputs.size());
      u->outputs().resize(spec_.nodes[i].outputs.size());
    }
  auto portIndex = [](const std::vector<std::size_t>& edges, std::size_t e) {
    return static_cast<std::size_t>(std::find(edges.begin(), edges.end(), e) - edges.begin());
  };
  for (std::size_t e = 0; e < spec_.edges.size(); ++e) {
    const EdgeSpec& edge = spec_.edges[e];
    const NodeSpec& from = spec_.nodes[edge.from];
    const NodeSpec& to = spec_.nodes[edge.to];
    const std::size_t outIdx = portIndex(from.outputs, e), inIdx = portIndex(to.inputs, e);
    const std::uint64_t bits = std::uint64_t{edge.width} * elemBytes(edge.type) * 8;
    const std::uint64_t link = edge.width > 1 ? arch.vectorLinkBits : arch.scalarLinkBits;
    const Tick serial = std::max<std::uint64_t>(1, (bits + link - 1) / link) * arch.period;
    const Network network = edge.control()   ? Network::kControl
                            : edge.width > 1 ? Network::kVector
                                             : Network::kScalar;
    const std::uint32_t pairs = std::max(from.copies, to.copies);
    for (std::uint32_t k = 0; k < pairs; ++k) {
      const std::uint32_t fc = k / (pairs / from.copies), tc = k / (pairs / to.copies);
      const Tick latency =
          Tick{placement_.hops(edge.from, fc, edge.to, tc)} * arch.hopLatency * arch.period;
      const std::string name = pairs == 1 ? edge.name : fmt::format("{}[{}]", edge.name, k);
      channels_.push_back(std::make_unique<TokenChannel>(
          env_.queue, name, edge.depth ? edge.depth : arch.fifoDepth, latency, latency));
      channelEdge_.push_back(e);
      TokenChannel* ch = channels_.back().get();
      Unit* producer = byNode_[edge.from][fc];
      Unit* consumer = byNode_[edge.to][tc];
      ch->bindSender(producer->handle());
      ch->bindReceiver(consumer->handle());
      OutputPort& op = producer->outputs()[outIdx];
      op.add(ch,
             links_.route(placement_.site(edge.from, fc), placement_.site(edge.to, tc), network));
      op.scatter = edge.fanout == Fanout::kScatter;
      op.serialTicks = serial;
      InputPort& ip = consumer->inputs()[inIdx];
      ip.channels.push_back(ch);
      ip.reuse = edge.reuse;
    }
  }
  maxOccupancy_.assign(channels_.size(), 0);
}

void GraphRun::registerStats(StatsRegistry& stats, const ComponentInfo& info) {
  auto add = [&](const std::string& path, const std::string& stat, const std::uint64_t& v) {
    const StatSpec& s = info.stat(stat);
    stats.addCounter(path + "." + stat, v, s.unit, s.description);
  };
  add(env_.path, "cycles", cycles_);
  add(env_.path, "flops", flops_);
  for (const auto& u : units_)
    for (int s = 0; s < 4; ++s)
      add(env_.path + ".units." + u->name(), kStateStat[s], u->cycles(static_cast<UnitState>(s)));
  for (std::size_t k = 0; k < channels_.size(); ++k)
    add(env_.path + ".channels." + channels_[k]->name(), "max_occupancy", maxOccupancy_[k]);
}

void GraphRun::start() {
  started_ = true;
  startTick_ = env_.queue.now();
  remaining_ = units_.size();
  for (auto& u : units_) u->begin();
}

void GraphRun::unitDone() {
  if (--remaining_ > 0) return;
  close();
  env_.observer.graphDone();
}

void GraphRun::close() {
  if (closed_ || !started_) return;
  closed_ = true;
  cycles_ = (env_.queue.now() - startTick_) / env_.arch.period;
  flops_ = 0;
  for (auto& u : units_) {
    u->close();
    flops_ += u->flops();
  }
  for (std::size_t k = 0; k < channels_.size(); ++k)
    maxOccupancy_[k] = channels_[k]->maxOccupancy();
}

std::uint64_t GraphRun::flops() const {
  return flops_;
}

std::uint64_t GraphRun::transfers() const {
  std::uint64_t n = 0;
  for (const auto& c : channels_) n += c->sent();
  return n;
}

std::uint64_t GraphRun::bankConflictCycles() const {
  std::uint64_t n = 0;
  for (const auto& u : units_)
    if (u->kind() == UnitKind::kPmu) n += static_cast<const MemoryUnit&>(*u).conflictCycles();
  return n;
}

std::uint64_t GraphRun::maxOccupancy(const std::string& edge) const {
  std::uint64_t m = 0;
  for (std::size_t k = 0; k < channels_.size(); ++k)
    if (spec_.edges[channelEdge_[k]].name == edge)
      m = std::max<std::uint64_t>(m, channels_[k]->maxOccupancy());
  return m;
}

const SinkUnit* GraphRun::sink(const std::string& name) const {
  for (std::size_t i = 0; i < spec_.nodes.size(); ++i)
    if (spec_.nodes[i].name == name && spec_.nodes[i].kind == NodeKind::kSink)
      return static_cast<const SinkUnit*>(byNode_[i][0]);
  return nullptr;
}

void GraphRun::writeUnitRows(std::ostream& out) const {
  for (const auto& u : units_) {
    const std::uint64_t busy = u->cycles(UnitState::kBusy);
    out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{:.6f}\n", spec_.name, u->name(),
                       Placement::kindName(u->kind()), u->site().row, u->site().col, u->fired(),
                       u->flops(), busy, u->cycles(UnitState::kStarved),
                       u->cycles(UnitState::kBlocked), u->cycles(UnitState::kMemory),
                       cycles_ ? static_cast<double>(busy) / static_cast<double>(cycles_) : 0.0);
  }
}

std::string GraphRun::diagnose() const {
  std::string s;
  for (const auto& u : units_)
    if (u->fired() < u->firings())
      s += fmt::format("\n  unit {}: {} of {} firings", u->name(), u->fired(), u->firings());
  for (const auto& c : channels_)
    if (c->occupancy() == c->capacity())
      s += fmt::format("\n  channel {} full ({} tokens): raise its 'depth'", c->name(),
                       c->capacity());
  return s;
}

}  // namespace xpusim::dataflow
