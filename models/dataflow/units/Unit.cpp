#include "models/dataflow/units/Unit.h"

#include <algorithm>

namespace xpusim::dataflow {

namespace {
const char* const kStateNames[kStateCount] = {"busy", "starved", "blocked", "memory", "done"};
}

Token InputPort::take() {
  if (held == 0) {
    token = channels[next]->receive();
    held = reuse;
    if (++next == channels.size()) next = 0;
  }
  --held;
  return token;
}

void OutputPort::add(TokenChannel* channel, std::vector<Link*> route) {
  channels.push_back(channel);
  routes.push_back(std::move(route));
}

Tick OutputPort::linksFreeAt() const {
  Tick t = freeAt;
  forRoutes([&](Link& l) { t = std::max(t, l.freeFor(this)); });
  return t;
}

bool OutputPort::canSend(Tick now) const {
  if (now < freeAt) return false;
  bool linksFree = true;
  forRoutes([&](Link& l) { linksFree = linksFree && l.freeFor(this) <= now; });
  if (!linksFree) {
    forRoutes([&](Link& l) { l.refuse(this, now); });
    return false;
  }
  if (scatter) return channels[next]->canSend();
  for (const TokenChannel* c : channels)
    if (!c->canSend()) return false;
  return true;
}

void OutputPort::send(const Token& t, Tick now) {
  freeAt = now + serialTicks;
  forRoutes([this](Link& l) { l.freeAt = freeAt; });
  if (scatter) {
    channels[next]->send(t);
    if (++next == channels.size()) next = 0;
  } else {
    for (TokenChannel* c : channels) c->send(t);
  }
}

Unit::Unit(std::string name, UnitKind kind, Placement::Site site, std::uint64_t firings)
    : name_(std::move(name)), kind_(kind), site_(site), firings_(firings) {}

void Unit::attach(ClockDomain& clock, EventQueue& queue, Timeline* timeline,
                  const std::string& traceProcess, UnitObserver* observer) {
  clock_ = &clock;
  queue_ = &queue;
  handle_ = clock.add(*this);
  timer_ = std::make_unique<WakeTimer>(queue, handle_);
  timeline_ = timeline;
  if (timeline_) lane_ = timeline_->lane(traceProcess, name_);
  observer_ = observer;
}

void Unit::begin() {
  since_ = now();
  state_ = UnitState::kStarved;
  handle_.wake();
}

void Unit::setState(UnitState s) {
  if (s == state_) return;
  const Tick t = now();
  ticks_[static_cast<int>(state_)] += t - since_;
  if (timeline_ && t > since_ && state_ != UnitState::kDone)
    timeline_->slice(lane_, kStateNames[static_cast<int>(state_)], since_, t);
  state_ = s;
  since_ = t;
}

void Unit::close() {
  setState(UnitState::kDone);
  for (int s = 0; s < kStateCount; ++s) cycles_[s] = ticks_[s] / period();
}

bool Unit::inputsReady() const {
  for (const InputPort& p : inputs_)
    if (!p.ready()) return false;
  return true;
}

bool Unit::outputsFree() const {
  for (const OutputPort& p : outputs_)
    if (!p.canSend(now())) return false;
  return true;
}

void Unit::sendAll(const Token& t) {
  for (OutputPort& p : outputs_) p.send(t, now());
}

Tick Unit::outputFreeAt() const {
  Tick t = 0;
  for (const OutputPort& p : outputs_) t = std::max(t, p.linksFreeAt());
  if (t <= now()) return 0;
  return t;
}

void Unit::complete() {
  if (done_) return;
  done_ = true;
  setState(UnitState::kDone);
  observer_->unitDone();
}

}  // namespace xpusim::dataflow
