// EventQueue: order, wheel/heap interplay, (de)scheduling, limits, and a randomized differential
// test against a std::set reference. Every expected value is derived by hand or by the reference.
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

#include "sim/core/Event.h"
#include "sim/core/EventQueue.h"
#include "sim/core/Tick.h"

using namespace xpusim;

namespace {

using Fired = std::vector<std::pair<Tick, int>>;  // (tick, id) in firing order

/// Records (now, id) into a shared log when it fires; optionally runs a hook.
class Recorder : public Event {
 public:
  Recorder(EventQueue& q, Fired& log, int id, Priority p = Priority::kDefault)
      : Event(p), q_(q), log_(log), id_(id) {}
  void process() override {
    log_.emplace_back(q_.now(), id_);
    if (hook) hook();
  }
  std::function<void()> hook;

 private:
  EventQueue& q_;
  Fired& log_;
  int id_;
};

std::vector<int> ids(const Fired& f) {
  std::vector<int> out;
  for (const auto& [t, id] : f) out.push_back(id);
  return out;
}

// Default wheel: 4,096 buckets of 512 ps -> horizon 2,097,152 ps (about 2.1 us).
constexpr Tick kHorizon = Tick{4096} * 512;

}  // namespace

TEST_CASE("EventQueue: same tick fires by priority, then insertion order", "[core][eventqueue]") {
  EventQueue q;
  Fired log;
  Recorder a(q, log, 1), b(q, log, 2, Priority::kWake), c(q, log, 3, Priority::kClock),
      d(q, log, 4), e(q, log, 5, Priority::kWake), f(q, log, 6, Priority::kStop),
      g(q, log, 7, Priority::kStats);
  for (Recorder* r : {&a, &b, &c, &d, &e, &f, &g}) q.schedule(*r, 100);
  CHECK(q.pending() == 7);
  CHECK(q.nextTick() == 100);
  q.runUntil(kMaxTick);
  // kWake(-20): 2, 5; kDefault(0): 1, 4; kClock(50): 3; kStats(90): 7; kStop(100): 6.
  CHECK(ids(log) == std::vector<int>{2, 5, 1, 4, 3, 7, 6});
  CHECK(q.now() == 100);
  CHECK(q.processed() == 7);
  CHECK(q.empty());
}

TEST_CASE("EventQueue: extreme priorities order correctly", "[core][eventqueue]") {
  EventQueue q;
  Fired log;
  Recorder hi(q, log, 1, static_cast<Priority>(127)), lo(q, log, 2, static_cast<Priority>(-128)),
      mid(q, log, 3);
  q.schedule(hi, 5);
  q.schedule(lo, 5);
  q.schedule(mid, 5);
  q.runUntil(kMaxTick);
  CHECK(ids(log) == std::vector<int>{2, 3, 1});
}

TEST_CASE("EventQueue: different ticks in one bucket inserted out of order", "[core][eventqueue]") {
  EventQueue q;  // bucket 0 holds ticks 0..511, bucket 1 holds 512..1023
  Fired log;
  Recorder e1(q, log, 1), e2(q, log, 2), e3(q, log, 3), e4(q, log, 4, Priority::kWake),
      e5(q, log, 5), e6(q, log, 6), e7(q, log, 7, Priority::kClock), e8(q, log, 8), e9(q, log, 9);
  q.schedule(e1, 400);
  q.schedule(e2, 100);
  q.schedule(e3, 300);
  q.schedule(e4, 100);  // same tick as e2, higher priority: before e2
  q.schedule(e5, 511);
  q.schedule(e6, 0);
  q.schedule(e7, 300);  // same tick as e3, lower priority: after e3
  q.schedule(e8, 100);  // same tick and priority as e2, later: after e2
  q.schedule(e9, 512);  // next bucket
  q.runUntil(kMaxTick);
  const Fired expected{{0, 6},   {100, 4}, {100, 2}, {100, 8}, {300, 3},
                       {300, 7}, {400, 1}, {511, 5}, {512, 9}};
  CHECK(log == expected);
}

TEST_CASE("EventQueue: far events beyond the horizon mix with near ones", "[core][eventqueue]") {
  EventQueue q;
  Fired log;
  Recorder far1(q, log, 1), far2(q, log, 2), far3(q, log, 3), mid(q, log, 4), near1(q, log, 5),
      justOut(q, log, 6), justIn(q, log, 7), late(q, log, 8, Priority::kWake), chained(q, log, 9);
  const Tick t10ms = 10 * kMillisecond;
  q.schedule(far1, t10ms);
  q.schedule(far2, t10ms);  // tie with far1, inserted later
  q.schedule(far3, t10ms + 1);
  q.schedule(mid, 5 * kMillisecond);
  q.schedule(near1, 1000);
  q.schedule(justOut, kHorizon);     // first tick outside the initial wheel
  q.schedule(justIn, kHorizon - 1);  // last tick inside it
  CHECK(q.pending() == 7);
  // At 5 ms, schedule an event at exactly 10 ms with a higher priority than far1/far2 (which
  // migrate from the heap into the wheel) and one just before them.
  mid.hook = [&] {
    q.schedule(late, t10ms);
    q.schedule(chained, t10ms - 1);
  };
  q.runUntil(kMaxTick);
  const Fired expected{{1000, 5},      {kHorizon - 1, 7}, {kHorizon, 6}, {5 * kMillisecond, 4},
                       {t10ms - 1, 9}, {t10ms, 8},        {t10ms, 1},    {t10ms, 2},
                       {t10ms + 1, 3}};
  CHECK(log == expected);
  CHECK(q.processed() == 9);
}

TEST_CASE("EventQueue: far events far apart and a time jump over an empty wheel",
          "[core][eventqueue]") {
  EventQueue q;
  Fired log;
  std::vector<std::unique_ptr<Recorder>> ev;
  // Ticks spread over 1 s, scheduled in descending order; all but the first land in the heap.
  const std::vector<Tick> ticks{
      kSecond, 300 * kMillisecond,  7 * kMicrosecond, 10 * kMillisecond, 3 * kMicrosecond,
      0,       2 * kMicrosecond + 1};
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    ev.push_back(std::make_unique<Recorder>(q, log, static_cast<int>(i)));
    q.schedule(*ev.back(), ticks[i]);
  }
  q.runUntil(kMaxTick);
  const Fired expected{{0, 5},
                       {2 * kMicrosecond + 1, 6},
                       {3 * kMicrosecond, 4},
                       {7 * kMicrosecond, 2},
                       {10 * kMillisecond, 3},
                       {300 * kMillisecond, 1},
                       {kSecond, 0}};
  CHECK(log == expected);
}

TEST_CASE("EventQueue: deschedule and reschedule from the wheel and from the heap",
          "[core][eventqueue]") {
  EventQueue q;
  Fired log;
  Recorder nearA(q, log, 1), nearB(q, log, 2), farA(q, log, 3), farB(q, log, 4), x(q, log, 5);
  q.schedule(nearA, 1000);
  q.schedule(nearB, 1000);
  q.schedule(farA, 20 * kMillisecond);
  q.schedule(farB, 30 * kMillisecond);
  CHECK(nearA.scheduled());
  CHECK(farA.when() == 20 * kMillisecond);

  q.deschedule(nearA);  // from the wheel, head of its bucket
  CHECK_FALSE(nearA.scheduled());
  q.deschedule(farB);  // from the heap
  CHECK_FALSE(farB.scheduled());
  CHECK(q.pending() == 2);
  CHECK_THROWS_AS(q.deschedule(nearA), std::logic_error);   // idle
  CHECK_THROWS_AS(q.schedule(nearB, 5), std::logic_error);  // already scheduled

  q.reschedule(farA, 500);                 // heap -> wheel, before nearB
  q.reschedule(nearB, 40 * kMillisecond);  // wheel -> heap
  q.reschedule(nearA, 40 * kMillisecond);  // idle -> heap, tie after nearB
  q.reschedule(farB, 2000);                // idle -> wheel
  q.schedule(x, 40 * kMillisecond + 1);
  q.deschedule(x);  // heap, not the root
  CHECK(q.pending() == 4);
  q.runUntil(kMaxTick);
  const Fired expected{{500, 3}, {2000, 4}, {40 * kMillisecond, 2}, {40 * kMillisecond, 1}};
  CHECK(log == expected);
  CHECK(q.empty());
  CHECK(q.nextTick() == kMaxTick);
}

TEST_CASE("EventQueue: rescheduling moves an event to the back of its tie", "[core][eventqueue]") {
  EventQueue q;
  Fired log;
  Recorder a(q, log, 1), b(q, log, 2), c(q, log, 3);
  q.schedule(a, 700);
  q.schedule(b, 700);
  q.schedule(c, 700);
  q.reschedule(a, 700);  // new insertion sequence: last among equals -> b, c, a
  q.deschedule(c);       // middle of the bucket list
  q.runUntil(kMaxTick);
  CHECK(ids(log) == std::vector<int>{2, 1});
}

TEST_CASE("EventQueue: scheduling in the past throws", "[core][eventqueue]") {
  EventQueue q;
  Fired log;
  Recorder a(q, log, 1), b(q, log, 2);
  q.schedule(a, 1000);
  q.runUntil(kMaxTick);
  REQUIRE(q.now() == 1000);
  CHECK_THROWS_AS(q.schedule(b, 999), std::logic_error);
  CHECK_FALSE(b.scheduled());
  CHECK(q.pending() == 0);
  q.schedule(b, 1000);  // now itself is fine
  q.runUntil(kMaxTick);
  CHECK(log == Fired{{1000, 1}, {1000, 2}});
  CHECK_THROWS_AS(q.advanceTo(999), std::logic_error);
}

TEST_CASE("EventQueue: runUntil stops at the limit, step and stop", "[core][eventqueue]") {
  EventQueue q;
  Fired log;
  Recorder a(q, log, 1), b(q, log, 2), c(q, log, 3), d(q, log, 4);
  q.schedule(a, 100);
  q.schedule(b, 200);
  q.schedule(c, 300);
  q.schedule(d, 300);
  q.runUntil(200);  // inclusive
  CHECK(log == Fired{{100, 1}, {200, 2}});
  CHECK(q.now() == 200);
  CHECK(q.pending() == 2);
  CHECK(q.nextTick() == 300);
  q.runUntil(299);
  CHECK(q.now() == 200);
  CHECK(log.size() == 2);
  CHECK_FALSE(q.step(299));
  CHECK_THROWS_AS(q.advanceTo(301), std::logic_error);  // past a pending event
  q.advanceTo(250);
  CHECK(q.now() == 250);
  c.hook = [&] { q.stop(); };
  q.runUntil(kMaxTick);  // stops after c, d still pending
  CHECK(q.stopRequested());
  CHECK(ids(log) == std::vector<int>{1, 2, 3});
  CHECK(q.pending() == 1);
  CHECK(q.step());
  CHECK_FALSE(q.step());
  CHECK(ids(log) == std::vector<int>{1, 2, 3, 4});
  CHECK(q.processed() == 4);
}

TEST_CASE("EventQueue: scheduling after a peek past now keeps order", "[core][eventqueue]") {
  // nextTick() and a limited runUntil() look ahead to the next event; an event scheduled later
  // between now and that event must still fire first (regression: it used to fire after it,
  // with simulated time going backwards).
  Fired log;
  SECTION("limit stops before a near event in the wheel") {
    EventQueue q;
    Recorder a(q, log, 1), b(q, log, 2), c(q, log, 3);
    q.schedule(a, 1 * kMicrosecond);
    q.runUntil(500);
    q.schedule(b, 600);
    q.schedule(c, 500 + kHorizon);  // beyond the horizon measured from now
    q.runUntil(kMaxTick);
    CHECK(log == Fired{{600, 2}, {1 * kMicrosecond, 1}, {500 + kHorizon, 3}});
  }
  SECTION("nextTick looks at a far event in the heap") {
    EventQueue q;
    Recorder a(q, log, 1), b(q, log, 2), c(q, log, 3);
    q.schedule(a, 10 * kMillisecond);
    q.schedule(c, 10 * kMillisecond + kHorizon / 2);
    CHECK(q.nextTick() == 10 * kMillisecond);
    q.schedule(b, 100);
    CHECK(q.nextTick() == 100);
    q.runUntil(kMaxTick);
    CHECK(log == Fired{{100, 2}, {10 * kMillisecond, 1}, {10 * kMillisecond + kHorizon / 2, 3}});
  }
  SECTION("advanceTo then schedule at the new now") {
    EventQueue q;
    Recorder a(q, log, 1), b(q, log, 2);
    q.schedule(a, 5 * kMillisecond);
    q.advanceTo(3 * kMillisecond);
    q.schedule(b, 3 * kMillisecond);
    q.runUntil(kMaxTick);
    CHECK(log == Fired{{3 * kMillisecond, 2}, {5 * kMillisecond, 1}});
  }
}

TEST_CASE("EventQueue: owners of pending events may die before the queue", "[core][eventqueue]") {
  // The usual declaration order (queue first, components holding a reference to it after)
  // destroys pending events before the queue; its destructor must not touch them
  // (regression: it wrote into them; visible with XPUSIM_SANITIZE=ON).
  Fired log;
  auto q = std::make_unique<EventQueue>();
  auto nearEvent = std::make_unique<Recorder>(*q, log, 1);
  auto farEvent = std::make_unique<Recorder>(*q, log, 2);
  q->schedule(*nearEvent, 100);
  q->schedule(*farEvent, 50 * kMillisecond);  // in the heap
  CHECK(q->pending() == 2);
  nearEvent.reset();
  farEvent.reset();
  q.reset();
  CHECK(log.empty());
}

TEST_CASE("EventQueue: rejects a degenerate wheel", "[core][eventqueue]") {
  CHECK_THROWS_AS(EventQueue(9, 5), std::invalid_argument);
  CHECK_THROWS_AS(EventQueue(41, 12), std::invalid_argument);
  CHECK_NOTHROW(EventQueue(0, 6));
}

// ------------------------------------------------------------------------------------------
// Randomized differential test against a reference ordered by (tick, priority, sequence).

namespace {

struct Reference {
  using Key = std::tuple<Tick, int, std::uint64_t, int>;  // tick, priority, sequence, id
  std::set<Key> pending;
};

class Probe;

/// Drives one queue and the reference with the same random operations.
class Differential {
 public:
  Differential(std::uint64_t seed, unsigned bucketBits, unsigned wheelBits, int events)
      : rng_(seed), q_(bucketBits, wheelBits) {
    for (int i = 0; i < events; ++i) {
      const auto prio = static_cast<int>(rng_() % 256) - 128;
      ev_.push_back(std::make_unique<Probe>(*this, i, static_cast<Priority>(prio)));
    }
    keyOf_.resize(static_cast<std::size_t>(events));
  }

  void run(int operations);
  const Fired& fired() const { return fired_; }
  std::uint64_t mismatches() const { return mismatches_; }
  std::uint64_t steps() const { return steps_; }
  std::uint64_t deschedules() const { return deschedules_; }
  std::uint64_t farSchedules() const { return far_; }
  void onFire(int id);

 private:
  Tick delay();
  void schedule(int id, Tick when);
  void deschedule(int id);
  void check(bool ok) { mismatches_ += ok ? 0 : 1; }

  std::mt19937_64 rng_;
  EventQueue q_;
  std::vector<std::unique_ptr<Probe>> ev_;
  std::vector<Reference::Key> keyOf_;
  Reference ref_;
  std::uint64_t sequence_ = 0;
  Fired fired_;
  std::uint64_t mismatches_ = 0, steps_ = 0, deschedules_ = 0, far_ = 0;
};

class Probe final : public Event {
 public:
  Probe(Differential& d, int id, Priority p) : Event(p), d_(d), id_(id) {}
  void process() override { d_.onFire(id_); }

 private:
  Differential& d_;
  int id_;
};

Tick Differential::delay() {
  switch (rng_() % 8) {
    case 0:
      return 0;  // same tick
    case 1:
    case 2:
    case 3:
      return rng_() % 2048;  // a few buckets
    case 4:
    case 5:
      return rng_() % (3 * kMicrosecond);  // around the default horizon
    case 6:
      ++far_;
      return rng_() % (20 * kMillisecond);  // far
    default:
      return (rng_() % 64) * 1000;  // clock-edge-like
  }
}

void Differential::schedule(int id, Tick when) {
  Probe& e = *ev_[static_cast<std::size_t>(id)];
  q_.schedule(e, when);
  const Reference::Key k{when, static_cast<int>(e.priority()), sequence_++, id};
  keyOf_[static_cast<std::size_t>(id)] = k;
  ref_.pending.insert(k);
}

void Differential::deschedule(int id) {
  q_.deschedule(*ev_[static_cast<std::size_t>(id)]);
  ref_.pending.erase(keyOf_[static_cast<std::size_t>(id)]);
  ++deschedules_;
}

void Differential::onFire(int id) {
  fired_.emplace_back(q_.now(), id);
  // The reference's first entry must be this very event.
  check(!ref_.pending.empty() && std::get<3>(*ref_.pending.begin()) == id &&
        std::get<0>(*ref_.pending.begin()) == q_.now());
  if (!ref_.pending.empty()) ref_.pending.erase(ref_.pending.begin());
  // Half of the events schedule another one from inside process().
  if (rng_() % 2 == 0) {
    const int other = static_cast<int>(rng_() % ev_.size());
    if (!ev_[static_cast<std::size_t>(other)]->scheduled()) schedule(other, q_.now() + delay());
  }
}

void Differential::run(int operations) {
  for (int op = 0; op < operations; ++op) {
    const std::uint64_t r = rng_() % 100;
    if (r < 40) {  // schedule or reschedule a random event
      const int id = static_cast<int>(rng_() % ev_.size());
      if (ev_[static_cast<std::size_t>(id)]->scheduled()) deschedule(id);
      schedule(id, q_.now() + delay());
    } else if (r < 52) {  // deschedule the first scheduled event from a random index on
      const std::size_t start = rng_() % ev_.size();
      for (std::size_t k = 0; k < ev_.size(); ++k) {
        const std::size_t id = (start + k) % ev_.size();
        if (ev_[id]->scheduled()) {
          deschedule(static_cast<int>(id));
          break;
        }
      }
    } else if (r < 90) {  // fire one
      const bool had = !ref_.pending.empty();
      check(q_.step() == had);
      steps_ += had ? 1 : 0;
    } else if (r < 96) {  // peek
      const Tick expect = ref_.pending.empty() ? kMaxTick : std::get<0>(*ref_.pending.begin());
      check(q_.nextTick() == expect);
    } else {  // run to a limit that may fall before the next event
      const Tick limit = q_.now() + rng_() % (4 * kMicrosecond);
      q_.runUntil(limit);
      check(ref_.pending.empty() || std::get<0>(*ref_.pending.begin()) > limit);
    }
    check(q_.pending() == ref_.pending.size());
  }
  // Drain.
  q_.runUntil(kMaxTick);
  check(q_.empty() && ref_.pending.empty());
}

}  // namespace

TEST_CASE("EventQueue: randomized differential against a reference", "[core][eventqueue]") {
  struct Config {
    unsigned bucketBits, wheelBits;
  };
  // The default wheel, a tiny one (1-ps buckets, 64 of them: most events go through the heap),
  // and coarse buckets (many ticks per bucket: sorted insertion inside buckets).
  const Config configs[] = {{9, 12}, {0, 6}, {14, 6}};
  for (const Config& c : configs) {
    CAPTURE(c.bucketBits, c.wheelBits);
    Differential d(0x5eed'1234'abcdULL, c.bucketBits, c.wheelBits, 1500);
    d.run(100'000);
    CHECK(d.mismatches() == 0);
    CHECK(d.steps() > 30'000);
    CHECK(d.deschedules() > 10'000);
    CHECK(d.farSchedules() > 5'000);
    CHECK(d.fired().size() > 50'000);
  }
}

TEST_CASE("EventQueue: same seed, same fired sequence", "[core][eventqueue]") {
  Differential a(42, 9, 12, 800), b(42, 9, 12, 800), c(43, 9, 12, 800);
  a.run(30'000);
  b.run(30'000);
  c.run(30'000);
  REQUIRE(a.fired().size() > 10'000);
  CHECK((a.fired() == b.fired()));
  CHECK((a.fired() != c.fired()));
  // The wheel geometry must not change the order either.
  Differential tiny(42, 0, 6, 800);
  tiny.run(30'000);
  CHECK((tiny.fired() == a.fired()));
}
