#include "models/flash/array/FlashArray.h"

#include <fmt/format.h>
#include <algorithm>
#include <stdexcept>

namespace xpusim::flash {

namespace {
constexpr std::uint32_t kMaxGroup = 8;
const char* kOpNames[5] = {"read", "program", "erase", "read_compute", "sense_bitwise"};
}  // namespace

/// The ops of one (multi-plane) command moving through a unit together.
struct Group {
  FlashOp* ops[kMaxGroup] = {};
  std::uint32_t n = 0;
  bool empty() const { return n == 0; }
  FlashOpKind kind() const { return ops[0]->kind; }
};

/// An execution unit: a die, or a plane when planes run independently.
struct FlashArray::Unit {
  Unit(FlashArray& a, std::uint32_t ch, std::uint32_t d) : owner(a), channel(ch), die(d) {}
  void onArray() { owner.arrayDone(*this); }
  void onDrain() { owner.drainReady(*this); }

  FlashArray& owner;
  std::uint32_t channel, die;
  Timeline::LaneId lane = 0, coreLane = 0;
  std::deque<FlashOp*> queue;
  Group loading, sensing, draining;
  bool loaded = false;        // loading: its bus window is over
  bool sensed = false;        // sensing finished, waiting for the register
  std::uint64_t outSent = 0;  // bytes of the draining group already out (read slicing)
  Tick arrayStart = 0;
  MemberEvent<Unit, &Unit::onArray> arrayEvent{this};
  MemberEvent<Unit, &Unit::onDrain> drainEvent{this};
};

/// One channel's bus: windows granted one at a time, commands before data-out.
struct FlashArray::Bus {
  Bus(FlashArray& a, std::uint32_t ch) : owner(a), channel(ch) {}
  void onDone() { owner.busDone(*this); }

  FlashArray& owner;
  std::uint32_t channel;
  Timeline::LaneId lane = 0;
  std::deque<Unit*> outRequests, inRequests;
  Unit* current = nullptr;
  bool currentOut = false;
  std::uint64_t currentBytes = 0;  // data-out bytes of the current window
  MemberEvent<Bus, &Bus::onDone> doneEvent{this};
};

FlashArray::FlashArray(EventQueue& queue, const FlashGeometry& geometry, const OnfiTiming& timing,
                       bool independentPlanes, bool multiPlane, std::uint64_t readSlice,
                       Timeline* timeline, std::string name, Listener& listener)
    : queue_(queue),
      geometry_(geometry),
      timing_(timing),
      independentPlanes_(independentPlanes),
      multiPlane_(multiPlane && !independentPlanes),
      readSlice_(readSlice),
      timeline_(timeline),
      name_(std::move(name)),
      listener_(listener),
      coreFreeAt_(geometry.dies(), 0),
      dieArrayTicks_(geometry.dies(), 0),
      channelStats_(geometry.channels) {
  const std::uint64_t perDie = independentPlanes ? geometry.planesPerDie : 1;
  for (std::uint32_t d = 0; d < geometry.dies(); ++d) {
    const auto ch = static_cast<std::uint32_t>(d / geometry.diesPerChannel());
    for (std::uint64_t p = 0; p < perDie; ++p) {
      units_.push_back(std::make_unique<Unit>(*this, ch, d));
      if (!timeline_) continue;
      const std::string process = fmt::format("{}.ch{}", name_, ch);
      const std::uint64_t local = d % geometry.diesPerChannel();
      units_.back()->lane =
          timeline_->lane(process, independentPlanes ? fmt::format("die{}.plane{}", local, p)
                                                     : fmt::format("die{}", local));
      units_.back()->coreLane = timeline_->lane(process, fmt::format("die{}.core", local));
    }
  }
  for (std::uint32_t c = 0; c < geometry.channels; ++c) {
    buses_.push_back(std::make_unique<Bus>(*this, c));
    if (timeline_) buses_.back()->lane = timeline_->lane(fmt::format("{}.ch{}", name_, c), "bus");
  }
}

FlashArray::~FlashArray() = default;

FlashArray::Unit& FlashArray::unitOf(const FlashOp& op) {
  const std::uint64_t die = geometry_.dieIndex(op.addr);
  return *units_[independentPlanes_ ? die * geometry_.planesPerDie + op.addr.plane : die];
}

void FlashArray::submit(FlashOp& op) {
  const PageAddress& a = op.addr;
  if (a.channel >= geometry_.channels || a.chip >= geometry_.chipsPerChannel ||
      a.die >= geometry_.diesPerChip || a.plane >= geometry_.planesPerDie ||
      a.block >= geometry_.blocksPerPlane || a.page >= geometry_.pagesPerBlock)
    throw std::logic_error(name_ + ": op addressed outside the flash geometry");
  op.submitted = queue_.now();
  ++inFlight_;
  Unit& u = unitOf(op);
  u.queue.push_back(&op);
  tryLoad(u);
}

void FlashArray::tryLoad(Unit& u) {
  if (u.queue.empty() || !u.loading.empty()) return;
  const FlashOp& head = *u.queue.front();
  bool free;
  if (!timing_.cacheOperations()) {
    free = u.sensing.empty() && u.draining.empty();
  } else if (head.readsArray()) {
    free = u.sensing.empty();  // cache read: the previous page may still be leaving
  } else if (head.kind == FlashOpKind::kProgram) {
    // Cache program: data goes into the cache register while the array still programs.
    free = u.draining.empty() && (u.sensing.empty() || u.sensing.kind() == FlashOpKind::kProgram);
  } else {
    free = u.sensing.empty() && u.draining.empty();
  }
  if (!free) return;
  Group& g = u.loading;
  g.ops[g.n++] = u.queue.front();
  u.queue.pop_front();
  if (multiPlane_) {
    // Multi-plane: gather queued ops of the same kind on planes not yet in the command.
    std::uint32_t planesUsed = 1u << g.ops[0]->addr.plane;
    for (auto it = u.queue.begin(); it != u.queue.end() && g.n < geometry_.planesPerDie;) {
      const std::uint32_t bit = 1u << (*it)->addr.plane;
      if ((*it)->kind == g.kind() && !(planesUsed & bit)) {
        planesUsed |= bit;
        g.ops[g.n++] = *it;
        it = u.queue.erase(it);
      } else {
        ++it;
      }
    }
  }
  requestBus(u, false);
}

Tick FlashArray::arrayTime(const FlashOp& op) const {
  switch (op.kind) {
    case FlashOpKind::kProgram:
      return timing_.program(timing_.pageType(op.addr.page));
    case FlashOpKind::kErase:
      return timing_.erase();
    case FlashOpKind::kSenseBitwise:
      return op.senseTime + timing_.readyBusyDelay();
    default:
      return timing_.read(timing_.pageType(op.addr.page)) + timing_.readyBusyDelay();
  }
}

void FlashArray::startArray(Unit& u) {
  u.sensing = u.loading;
  u.loading = Group{};
  u.loaded = false;
  u.sensed = false;
  Tick t = 0;
  for (std::uint32_t i = 0; i < u.sensing.n; ++i) t = std::max(t, arrayTime(*u.sensing.ops[i]));
  const Tick now = queue_.now();
  u.arrayStart = now;
  dieArrayTicks_[u.die] += t;
  totals_.arrayTicks += t;
  if (timeline_)
    timeline_->slice(u.lane, kOpNames[static_cast<int>(u.sensing.kind())], now, now + t,
                     nlohmann::json{{"planes", u.sensing.n}});
  queue_.schedule(u.arrayEvent, now + t);
  tryLoad(u);
}

void FlashArray::arrayDone(Unit& u) {
  if (!u.sensing.ops[0]->readsArray()) {
    for (std::uint32_t i = 0; i < u.sensing.n; ++i) complete(*u.sensing.ops[i]);
    u.sensing = Group{};
    if (u.loaded) startArray(u);
    tryLoad(u);
    return;
  }
  u.sensed = true;
  if (u.draining.empty()) moveToRegister(u);
}

void FlashArray::moveToRegister(Unit& u) {
  u.draining = u.sensing;
  u.sensing = Group{};
  u.sensed = false;
  Tick ready = queue_.now() + (timing_.cacheOperations() ? timing_.cacheMove() : 0);
  if (u.draining.kind() == FlashOpKind::kReadCompute) {
    // The die's core decodes and multiplies each plane's page in turn.
    Tick& coreFree = coreFreeAt_[u.die];
    const Tick start = std::max(ready, coreFree);
    Tick t = start;
    for (std::uint32_t i = 0; i < u.draining.n; ++i) {
      const FlashOp& op = *u.draining.ops[i];
      totals_.eccTicks += op.eccTime;
      totals_.computeTicks += op.computeTime;
      t += op.eccTime + op.computeTime;
    }
    if (timeline_ && t > start) timeline_->slice(u.coreLane, "ecc+mac", start, t);
    coreFree = t;
    ready = t;
  }
  queue_.schedule(u.drainEvent, ready);
  if (u.loaded) startArray(u);
  tryLoad(u);
}

void FlashArray::drainReady(Unit& u) {
  requestBus(u, true);
}

void FlashArray::requestBus(Unit& u, bool dataOut) {
  Bus& b = *buses_[u.channel];
  (dataOut ? b.outRequests : b.inRequests).push_back(&u);
  if (!b.current) grantBus(b);
}

void FlashArray::grantBus(Bus& b) {
  // Commands (and their data-in) first: they are short and start array work; data-out fills
  // the rest of the bus time.
  const bool out = b.inRequests.empty();
  if (out && b.outRequests.empty()) return;
  Unit& u = *(out ? b.outRequests : b.inRequests).front();
  (out ? b.outRequests : b.inRequests).pop_front();
  ChannelStats& s = channelStats_[b.channel];
  Tick window = 0;
  std::uint64_t outBytes = 0;
  if (out) {
    std::uint64_t total = 0;
    for (std::uint32_t i = 0; i < u.draining.n; ++i) total += u.draining.ops[i]->busOutBytes;
    if (readSlice_ > 0) {
      // READ_SLICE: at most one slice per window, so short windows can go in between.
      outBytes = std::min(readSlice_, total - u.outSent);
      window = outBytes ? timing_.dataOutSetup() + timing_.transfer(outBytes) : 0;
    } else {
      outBytes = total;
      for (std::uint32_t i = 0; i < u.draining.n; ++i) {
        const std::uint64_t bytes = u.draining.ops[i]->busOutBytes;
        if (bytes) window += timing_.dataOutSetup() + timing_.transfer(bytes);
      }
    }
    s.bytesOut += outBytes;
    s.dataOutTicks += window;
  } else {
    const Group& g = u.loading;
    const Tick command = g.kind() == FlashOpKind::kProgram ? timing_.programCommand(g.n)
                         : g.kind() == FlashOpKind::kErase ? timing_.eraseCommand(g.n)
                                                           : timing_.readCommand(g.n);
    Tick data = 0;
    for (std::uint32_t i = 0; i < g.n; ++i) {
      data += g.ops[i]->busInBytes ? timing_.transfer(g.ops[i]->busInBytes) : 0;
      s.bytesIn += g.ops[i]->busInBytes;
    }
    s.commandTicks += command;
    s.dataInTicks += data;
    window = command + data;
  }
  b.current = &u;
  b.currentOut = out;
  b.currentBytes = outBytes;
  const Tick now = queue_.now();
  if (timeline_ && window > 0)
    timeline_->slice(b.lane, out ? "data-out" : "cmd/data-in", now, now + window);
  queue_.schedule(b.doneEvent, now + window);
}

void FlashArray::busDone(Bus& b) {
  Unit& u = *b.current;
  b.current = nullptr;
  if (b.currentOut) {
    std::uint64_t total = 0;
    for (std::uint32_t i = 0; i < u.draining.n; ++i) total += u.draining.ops[i]->busOutBytes;
    u.outSent += b.currentBytes;
    if (u.outSent < total) {
      b.outRequests.push_back(&u);  // the next slice queues behind the others
      grantBus(b);
      return;
    }
    u.outSent = 0;
    for (std::uint32_t i = 0; i < u.draining.n; ++i) complete(*u.draining.ops[i]);
    u.draining = Group{};
    if (u.sensed) moveToRegister(u);
  } else {
    u.loaded = true;
    if (u.sensing.empty()) startArray(u);
  }
  tryLoad(u);
  if (!b.current) grantBus(b);
}

void FlashArray::complete(FlashOp& op) {
  op.completed = queue_.now();
  --inFlight_;
  ++totals_.ops[static_cast<int>(op.kind)];
  listener_.flashOpDone(op);
}

}  // namespace xpusim::flash
