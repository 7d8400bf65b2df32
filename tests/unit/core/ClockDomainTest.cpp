// ClockDomain: active set, sleeping, wake-up timing relative to edges, time jumps, phase.
#include <catch2/catch.hpp>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/Clock.h"
#include "sim/core/Event.h"
#include "sim/core/EventQueue.h"
#include "sim/core/Tick.h"

using namespace xpusim;

namespace {

using Log = std::vector<std::pair<Tick, std::string>>;

/// Ticks `budget` times after each wake-up (at least once), recording when.
class Member : public Clocked {
 public:
  Member(EventQueue& q, std::string name, Log* log = nullptr)
      : q_(q), name_(std::move(name)), log_(log) {}
  bool tick() override {
    ticks.push_back(q_.now());
    if (log_) log_->emplace_back(q_.now(), name_);
    if (onTick) onTick();
    return --budget > 0;
  }
  int budget = 1;
  std::vector<Tick> ticks;
  std::function<void()> onTick;

 private:
  EventQueue& q_;
  std::string name_;
  Log* log_;
};

/// A one-shot event running a callback at a chosen priority.
class Call : public Event {
 public:
  Call(std::function<void()> fn, Priority p = Priority::kDefault) : Event(p), fn_(std::move(fn)) {}
  void process() override { fn_(); }

 private:
  std::function<void()> fn_;
};

using Ticks = std::vector<Tick>;

}  // namespace

TEST_CASE("ClockDomain: only active members tick, idle members sleep", "[core][clock]") {
  EventQueue q;
  ClockDomain clk(q, "core", 1000);
  Member never(q, "never"), busy(q, "busy"), brief(q, "brief");
  clk.add(never);
  ClockHandle hb = clk.add(busy);
  ClockHandle hr = clk.add(brief);
  CHECK(hb.bound());
  CHECK(hb.domain() == &clk);
  CHECK(clk.activeCount() == 0);
  busy.budget = 5;
  brief.budget = 2;
  hb.wake();
  hr.wake();
  CHECK(clk.activeCount() == 2);
  std::size_t activeAt1500 = 99;
  Call probe([&] { activeAt1500 = clk.activeCount(); });
  q.schedule(probe, 1500);
  q.runUntil(kMaxTick);
  CHECK(never.ticks.empty());
  CHECK(busy.ticks == Ticks{0, 1000, 2000, 3000, 4000});
  CHECK(brief.ticks == Ticks{0, 1000});
  CHECK(activeAt1500 == 1);
  CHECK(clk.edgesFired() == 5);
  CHECK(clk.memberTicks() == 7);
  CHECK(clk.activeCount() == 0);
  CHECK(q.empty());
  CHECK(q.now() == 4000);
  CHECK(q.processed() == 6);  // 5 edges + the probe: one queue event per edge, not per member
}

TEST_CASE("ClockDomain: a wake between edges ticks at the next edge", "[core][clock]") {
  EventQueue q;
  ClockDomain clk(q, "core", 1000);
  Member a(q, "a"), other(q, "other");
  ClockHandle ha = clk.add(a);
  ClockHandle ho = clk.add(other);
  a.budget = 2;
  Call waker([&] { ha.wake(); });
  q.schedule(waker, 2500);
  SECTION("idle clock") {}
  SECTION("running clock") {
    other.budget = 10;
    ho.wake();
  }
  q.runUntil(kMaxTick);
  CHECK(a.ticks == Ticks{3000, 4000});
}

TEST_CASE("ClockDomain: a wake at an edge tick before the clock fired there ticks at it",
          "[core][clock]") {
  EventQueue q;
  ClockDomain clk(q, "core", 1000);
  Member a(q, "a"), other(q, "other");
  ClockHandle ha = clk.add(a);
  ClockHandle ho = clk.add(other);
  Priority p = Priority::kDefault;
  SECTION("idle clock, default priority") {}
  SECTION("idle clock, wake priority") {
    p = Priority::kWake;
  }
  SECTION("running clock, default priority") {
    other.budget = 10;
    ho.wake();
  }
  SECTION("running clock, wake priority") {
    p = Priority::kWake;
    other.budget = 10;
    ho.wake();
  }
  SECTION("idle clock that never fired at this tick, priority after the clock's") {
    // The clock stopped at 1000; an edge at 3000 has not happened, so it still ticks there.
    p = Priority::kStats;
    other.budget = 2;
    ho.wake();
  }
  Call waker([&] { ha.wake(); }, p);
  q.schedule(waker, 3000);
  q.runUntil(kMaxTick);
  CHECK(a.ticks == Ticks{3000});
}

TEST_CASE("ClockDomain: a wake after the clock fired at this tick ticks at the next edge",
          "[core][clock]") {
  EventQueue q;
  ClockDomain clk(q, "core", 1000);
  Member a(q, "a"), other(q, "other");
  ClockHandle ha = clk.add(a);
  ClockHandle ho = clk.add(other);
  SECTION("clock keeps running") {
    other.budget = 10;
  }
  SECTION("clock fired at 3000 and went idle there") {
    other.budget = 4;  // ticks 0, 1000, 2000, 3000
  }
  ho.wake();
  Call waker([&] { ha.wake(); }, Priority::kStats);
  q.schedule(waker, 3000);
  q.runUntil(kMaxTick);
  CHECK(a.ticks == Ticks{4000});
  CHECK(other.ticks.at(3) == 3000);
}

TEST_CASE("ClockDomain: a wake during a sweep takes effect on the next edge", "[core][clock]") {
  EventQueue q;
  ClockDomain clk(q, "core", 1000);
  Member first(q, "first"), second(q, "second");
  ClockHandle h0 = clk.add(first);  // index 0: ticks first in a sweep
  ClockHandle h1 = clk.add(second);

  SECTION("an earlier member wakes a sleeping later one") {
    first.budget = 1;
    second.budget = 1;
    first.onTick = [&] { h1.wake(); };
    h0.wake();
    q.runUntil(kMaxTick);
    CHECK(first.ticks == Ticks{0});
    CHECK(second.ticks == Ticks{1000});
    CHECK(clk.edgesFired() == 2);
  }
  SECTION("the woken member returns false later in the same sweep: the wake is kept") {
    first.budget = 10;
    second.budget = 3;  // ticks 0, 1000, 2000 and then returns false
    first.onTick = [&] {
      if (q.now() == 2000) h1.wake();
    };
    h0.wake();
    h1.wake();
    q.runUntil(kMaxTick);
    CHECK(second.ticks == Ticks{0, 1000, 2000, 3000});
  }
  SECTION("a later member wakes an earlier one that already slept this edge") {
    first.budget = 1;
    second.budget = 1;
    second.onTick = [&] { h0.wake(); };
    h0.wake();
    h1.wake();
    q.runUntil(kMaxTick);
    CHECK(first.ticks == Ticks{0, 1000});
    CHECK(second.ticks == Ticks{0});
    CHECK(clk.edgesFired() == 2);
    CHECK(clk.memberTicks() == 3);
  }
  SECTION("a member wakes itself and returns false") {
    first.budget = 1;
    int selfWakes = 2;
    first.onTick = [&] {
      if (selfWakes-- > 0) h0.wake();
    };
    h0.wake();
    q.runUntil(kMaxTick);
    CHECK(first.ticks == Ticks{0, 1000, 2000});
  }
}

TEST_CASE("ClockDomain: time jumps when every member sleeps", "[core][clock]") {
  EventQueue q;
  ClockDomain clk(q, "core", 1000);
  Member a(q, "a");
  ClockHandle ha = clk.add(a);
  Cycle cycleAtTick = 0;
  a.onTick = [&] { cycleAtTick = clk.cycle(); };
  ha.wake();
  Call waker([&] { ha.wake(); });
  q.schedule(waker, kMillisecond + 1);
  q.runUntil(kMaxTick);
  CHECK(a.ticks == Ticks{0, kMillisecond + 1000});
  CHECK(cycleAtTick == kMillisecond / 1000 + 1);
  CHECK(clk.edgesFired() == 2);  // only the edges with activity
  CHECK(clk.memberTicks() == 2);
  CHECK(q.processed() == 3);
}

TEST_CASE("ClockDomain: phase, cycle() and edgeAtOrAfter()", "[core][clock]") {
  EventQueue q;
  ClockDomain clk(q, "shifted", 1000, 250);
  CHECK(clk.name() == "shifted");
  CHECK(clk.period() == 1000);
  CHECK(clk.phase() == 250);
  CHECK(clk.edge(0) == 250);
  CHECK(clk.edge(3) == 3250);
  CHECK(clk.edgeAtOrAfter(0) == 250);
  CHECK(clk.edgeAtOrAfter(250) == 250);
  CHECK(clk.edgeAtOrAfter(251) == 1250);
  CHECK(clk.edgeAtOrAfter(1250) == 1250);
  CHECK(clk.edgeAtOrAfter(1251) == 2250);
  CHECK(clk.cycle() == 0);  // before the first edge

  Member a(q, "a");
  ClockHandle ha = clk.add(a);
  std::vector<Cycle> cycles;
  a.onTick = [&] { cycles.push_back(clk.cycle()); };
  a.budget = 3;
  ha.wake();
  q.runUntil(kMaxTick);
  CHECK(a.ticks == Ticks{250, 1250, 2250});
  CHECK(cycles == std::vector<Cycle>{0, 1, 2});
  q.advanceTo(3249);
  CHECK(clk.cycle() == 2);
  q.advanceTo(3250);
  CHECK(clk.cycle() == 3);
  // Woken between edges: next edge 4250.
  q.advanceTo(3600);
  ha.wake();
  q.runUntil(kMaxTick);
  CHECK(a.ticks.back() == 4250);

  ClockDomain plain(q, "plain", 800);
  CHECK(plain.edgeAtOrAfter(0) == 0);
  CHECK(plain.edgeAtOrAfter(1) == 800);
  CHECK(plain.edgeAtOrAfter(1600) == 1600);
  CHECK(plain.cycle() == 4250 / 800);  // now = 4250 -> cycle 5

  CHECK_THROWS_AS(ClockDomain(q, "bad", 0), std::invalid_argument);
  CHECK_THROWS_AS(ClockDomain(q, "bad", 1000, 1000), std::invalid_argument);
}

TEST_CASE("ClockDomain: more than 64 members, ticked in the order they joined", "[core][clock]") {
  EventQueue q;
  ClockDomain clk(q, "wide", 500);
  Log log;
  std::vector<std::unique_ptr<Member>> members;
  std::vector<ClockHandle> handles;
  for (int i = 0; i < 130; ++i) {
    members.push_back(std::make_unique<Member>(q, std::to_string(i), &log));
    handles.push_back(clk.add(*members.back()));
  }
  for (int i : {129, 64, 0, 63}) handles[static_cast<std::size_t>(i)].wake();
  members[64]->budget = 2;
  CHECK(clk.activeCount() == 4);
  q.runUntil(kMaxTick);
  const Log expected{{0, "0"}, {0, "63"}, {0, "64"}, {0, "129"}, {500, "64"}};
  CHECK(log == expected);
  CHECK(clk.memberTicks() == 5);
  CHECK(clk.edgesFired() == 2);
}

TEST_CASE("ClockDomain: two domains interleave deterministically", "[core][clock]") {
  EventQueue q;
  ClockDomain fast(q, "fast", 1000), slow(q, "slow", 1500);
  Log log;
  Member a(q, "a", &log), b(q, "b", &log);
  ClockHandle ha = fast.add(a);
  ClockHandle hb = slow.add(b);
  a.budget = 4;  // 0, 1000, 2000, 3000
  b.budget = 3;  // 0, 1500, 3000
  ha.wake();
  hb.wake();
  q.runUntil(kMaxTick);
  // At 3000 both edges are due with the same priority; slow's was scheduled first (at 1500,
  // fast's at 2000), so b ticks before a.
  const Log expected{{0, "a"},    {0, "b"},    {1000, "a"}, {1500, "b"},
                     {2000, "a"}, {3000, "b"}, {3000, "a"}};
  CHECK(log == expected);
}
