#include "sim/core/Clock.h"

#include <bit>
#include <stdexcept>

namespace xpusim {

ClockDomain::ClockDomain(EventQueue& queue, std::string name, Tick period, Tick phase)
    : queue_(queue), name_(std::move(name)), period_(period), phase_(phase) {
  if (period_ == 0) throw std::invalid_argument("clock '" + name_ + "': period must be > 0 ps");
  if (phase_ >= period_)
    throw std::invalid_argument("clock '" + name_ + "': phase must be less than the period");
}

ClockHandle ClockDomain::add(Clocked& member) {
  const auto index = static_cast<std::uint32_t>(members_.size());
  members_.push_back(&member);
  if (active_.size() * 64 < members_.size()) {
    active_.push_back(0);
    wokenDuringEdge_.push_back(0);
  }
  return ClockHandle(this, index);
}

Cycle ClockDomain::cycle() const {
  const Tick now = queue_.now();
  return now < phase_ ? 0 : (now - phase_) / period_;
}

Tick ClockDomain::edgeAtOrAfter(Tick t) const {
  if (t <= phase_) return phase_;
  return phase_ + (t - phase_ + period_ - 1) / period_ * period_;
}

std::size_t ClockDomain::activeCount() const {
  std::size_t n = 0;
  for (std::uint64_t w : active_) n += static_cast<std::size_t>(std::popcount(w));
  return n;
}

void ClockDomain::wake(std::uint32_t index) {
  const std::uint64_t bit = std::uint64_t{1} << (index & 63);
  if (firing_) {
    wokenDuringEdge_[index >> 6] |= bit;  // ticks from the next edge
    return;
  }
  active_[index >> 6] |= bit;
  if (edgeEvent_.scheduled()) return;
  const Tick now = queue_.now();
  Tick next = edgeAtOrAfter(now);
  if (next == now && edgesFired_ > 0 && lastEdge_ == now) next += period_;
  queue_.schedule(edgeEvent_, next);
}

void ClockDomain::onEdge() {
  firing_ = true;
  lastEdge_ = queue_.now();
  ++edgesFired_;
  bool anyActive = false;
  for (std::size_t w = 0; w < active_.size(); ++w) {
    std::uint64_t bits = active_[w];
    std::uint64_t keep = bits;
    while (bits) {
      const unsigned b = static_cast<unsigned>(std::countr_zero(bits));
      bits &= bits - 1;
      ++memberTicks_;
      if (!members_[(w << 6) | b]->tick()) keep &= ~(std::uint64_t{1} << b);
    }
    active_[w] = keep;
  }
  firing_ = false;
  for (std::size_t w = 0; w < active_.size(); ++w) {
    active_[w] |= wokenDuringEdge_[w];
    wokenDuringEdge_[w] = 0;
    anyActive |= active_[w] != 0;
  }
  if (anyActive) queue_.schedule(edgeEvent_, lastEdge_ + period_);
}

}  // namespace xpusim
