#include "sim/core/Simulation.h"

#include "sim/config/Units.h"

namespace xpusim {

Simulation::Simulation(ConfigNode config, std::optional<std::filesystem::path> timelineFile)
    : config_(std::move(config)) {
  if (timelineFile) timeline_ = std::make_unique<Timeline>(*timelineFile);
  root_ = Component::build(*this, nullptr, "system", config_);
  index(*root_);
  visit([](Component& c) { c.bind(); });
  visit([](Component& c) { c.start(); });
}

Simulation::~Simulation() = default;

void Simulation::index(Component& c) {
  byPath_.emplace(c.path(), &c);
  for (const auto& child : c.children()) index(*child);
}

ClockDomain& Simulation::clock(Tick period) {
  auto& d = clocks_[period];
  if (!d) d = std::make_unique<ClockDomain>(queue_, units::formatTime(period), period);
  return *d;
}

Component* Simulation::find(std::string_view path) const {
  auto it = byPath_.find(path);
  return it == byPath_.end() ? nullptr : it->second;
}

void Simulation::visit(const std::function<void(Component&)>& f) {
  std::function<void(Component&)> walk = [&](Component& c) {
    f(c);
    for (const auto& child : c.children()) walk(*child);
  };
  walk(*root_);
}

RunResult Simulation::run(const std::function<void(Tick)>& progress) {
  const Tick limit = stopAt_ ? stopAt_ : kMaxTick;
  const std::uint64_t before = queue_.processed();
  constexpr std::uint64_t kProgressEvery = 1 << 20;
  std::uint64_t untilProgress = kProgressEvery;
  while (queue_.step(limit)) {
    if (--untilProgress == 0) {
      untilProgress = kProgressEvery;
      if (progress) progress(queue_.now());
    }
  }
  RunResult r;
  r.drained = queue_.empty();
  if (!r.drained) queue_.advanceTo(limit);
  r.endTick = queue_.now();
  r.events = queue_.processed() - before;
  r.pendingEvents = queue_.pending();
  visit([&](Component& c) { c.finish(r.drained); });
  return r;
}

SummaryLines Simulation::summary() const {
  SummaryLines lines;
  std::function<void(const Component&)> walk = [&](const Component& c) {
    c.summarize(lines);
    for (const auto& child : c.children()) walk(*child);
  };
  walk(*root_);
  return lines;
}

}  // namespace xpusim
