// Channel: the DAM throughput law, first arrival at L, sleeping ends woken by arrivals and
// credits, backpressure, and misuse.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/core/Channel.h"
#include "sim/core/Clock.h"
#include "sim/core/EventQueue.h"
#include "sim/core/Tick.h"

using namespace xpusim;

namespace {

constexpr Tick kPeriod = 1000;
using Cycles = std::vector<Cycle>;

/// Sends 0, 1, 2, ... one per cycle whenever a slot is free; sleeps when none is.
class Producer : public Clocked {
 public:
  Producer(EventQueue& q, Channel<int>& ch) : q_(q), ch_(ch) {}
  bool tick() override {
    ++ticks;
    if (ch_.canSend()) {
      ch_.send(next_++);
      sendTicks.push_back(q_.now());
    }
    return ch_.canSend();
  }
  std::vector<Tick> sendTicks;
  std::uint64_t ticks = 0;

 private:
  EventQueue& q_;
  Channel<int>& ch_;
  int next_ = 0;
};

/// Takes one item per cycle whenever one has arrived (from tick `openAt` on); sleeps otherwise.
class Consumer : public Clocked {
 public:
  Consumer(EventQueue& q, Channel<int>& ch, Tick openAt = 0) : q_(q), ch_(ch), openAt_(openAt) {}
  bool tick() override {
    ++ticks;
    if (q_.now() < openAt_) return true;  // busy elsewhere: polls every cycle
    if (ch_.canReceive()) {
      values.push_back(ch_.receive());
      recvTicks.push_back(q_.now());
    }
    return ch_.canReceive();
  }
  std::vector<Tick> recvTicks;
  std::vector<int> values;
  std::uint64_t ticks = 0;

 private:
  EventQueue& q_;
  Channel<int>& ch_;
  Tick openAt_;
};

Cycles toCycles(const std::vector<Tick>& ticks) {
  Cycles out;
  for (Tick t : ticks) out.push_back(t / kPeriod);
  return out;
}

/// Send cycle of item k (hand-derived): item k needs the credit of item k - C, which returns
/// L + R cycles after that item was sent. With C >= L + R credits never limit: s_k = k.
/// Otherwise items go in bursts of C every L + R cycles: s_k = floor(k / C) (L + R) + k mod C.
Cycle expectedSend(Cycle k, Cycle c, Cycle l, Cycle r) {
  if (c >= l + r) return k;
  return k / c * (l + r) + k % c;
}

struct Law {
  Cycle c, l, r;
  Cycles firstSends;  // hand-derived send cycles of items 0..7
  double period;      // max(1, (L + R) / C)
};

}  // namespace

TEST_CASE("Channel: throughput law max(1, (L+R)/C) and first arrival at L", "[core][channel]") {
  const Law laws[] = {
      {1, 1, 1, {0, 2, 4, 6, 8, 10, 12, 14}, 2.0},
      {2, 1, 1, {0, 1, 2, 3, 4, 5, 6, 7}, 1.0},
      {1, 2, 1, {0, 3, 6, 9, 12, 15, 18, 21}, 3.0},
      {2, 3, 1, {0, 1, 4, 5, 8, 9, 12, 13}, 2.0},
      {4, 3, 1, {0, 1, 2, 3, 4, 5, 6, 7}, 1.0},
      {3, 4, 2, {0, 1, 2, 6, 7, 8, 12, 13}, 2.0},
      {3, 2, 2, {0, 1, 2, 4, 5, 6, 8, 9}, 4.0 / 3.0},
      {1, 1, 3, {0, 4, 8, 12, 16, 20, 24, 28}, 4.0},
      {8, 1, 1, {0, 1, 2, 3, 4, 5, 6, 7}, 1.0},
      {2, 5, 5, {0, 1, 10, 11, 20, 21, 30, 31}, 5.0},
  };
  constexpr Cycle kEnd = 120;  // a multiple of every L + R above
  for (const Law& law : laws) {
    CAPTURE(law.c, law.l, law.r);
    EventQueue q;
    ClockDomain clk(q, "clk", kPeriod);
    Channel<int> ch(q, "ch", law.c, law.l * kPeriod, law.r * kPeriod);
    Producer prod(q, ch);
    Consumer cons(q, ch);
    ClockHandle hp = clk.add(prod);
    ClockHandle hc = clk.add(cons);
    ch.bindSender(hp);
    ch.bindReceiver(hc);
    hp.wake();
    q.runUntil(kEnd * kPeriod);

    // The hand-written table and the closed form agree.
    for (Cycle k = 0; k < 8; ++k) CHECK(law.firstSends[k] == expectedSend(k, law.c, law.l, law.r));

    Cycles sends, arrivals;
    std::set<Cycle> busyEdges;
    for (Cycle k = 0; expectedSend(k, law.c, law.l, law.r) <= kEnd; ++k) {
      const Cycle s = expectedSend(k, law.c, law.l, law.r);
      sends.push_back(s);
      busyEdges.insert(s);
      if (s + law.l <= kEnd) {
        arrivals.push_back(s + law.l);
        busyEdges.insert(s + law.l);
      }
    }
    const Cycles gotSends = toCycles(prod.sendTicks);
    const Cycles gotArrivals = toCycles(cons.recvTicks);
    CHECK(gotSends == sends);
    CHECK(gotArrivals == arrivals);
    REQUIRE_FALSE(cons.recvTicks.empty());
    CHECK(cons.recvTicks.front() == law.l * kPeriod);  // first arrival at L
    for (std::size_t i = 0; i < cons.values.size(); ++i) CHECK(cons.values[i] == int(i));

    // Law: items sent in [0, kEnd) = kEnd / period.
    const auto inWindow =
        std::count_if(sends.begin(), sends.end(), [](Cycle s) { return s < kEnd; });
    CHECK(double(inWindow) == Approx(double(kEnd) / law.period));
    CHECK(law.period == std::max(1.0, double(law.l + law.r) / double(law.c)));

    // Both ends sleep between activity: one tick per item moved, one edge per busy cycle.
    CHECK(prod.ticks == sends.size());
    CHECK(cons.ticks == arrivals.size());
    CHECK(clk.memberTicks() == sends.size() + arrivals.size());
    CHECK(clk.edgesFired() == busyEdges.size());
    CHECK(ch.sent() == sends.size());
    CHECK(ch.occupancy() == sends.size() - arrivals.size());
  }
}

TEST_CASE("Channel: latencies off the clock grid wake at the next edge", "[core][channel]") {
  EventQueue q;
  ClockDomain clk(q, "clk", kPeriod);
  Tick l = 0, r = 0;
  std::vector<Tick> sends, recvs;
  SECTION("arrival between edges") {
    l = 1500;  // arrives at 1500, consumer ticks at 2000; credit frees at 3000
    r = 1000;
    sends = {0, 3000, 6000};
    recvs = {2000, 5000, 8000};
  }
  SECTION("credit between edges") {
    l = 1000;  // arrives at 1000; credit frees at 2500, producer ticks at 3000
    r = 1500;
    sends = {0, 3000, 6000};
    recvs = {1000, 4000, 7000};
  }
  Channel<int> ch(q, "ch", 1, l, r);
  Producer prod(q, ch);
  Consumer cons(q, ch);
  ClockHandle hp = clk.add(prod);
  ClockHandle hc = clk.add(cons);
  ch.bindSender(hp);
  ch.bindReceiver(hc);
  hp.wake();
  q.runUntil(8000);
  CHECK(prod.sendTicks == sends);
  CHECK(cons.recvTicks == recvs);
  CHECK(prod.ticks == 3);
  CHECK(cons.ticks == 3);
}

TEST_CASE("Channel: backpressure stalls the producer until credits return", "[core][channel]") {
  EventQueue q;
  ClockDomain clk(q, "clk", kPeriod);
  Channel<int> ch(q, "ch", 2, 1 * kPeriod, 1 * kPeriod);
  Producer prod(q, ch);
  Consumer cons(q, ch, 10 * kPeriod);  // takes nothing before cycle 10
  ClockHandle hp = clk.add(prod);
  ClockHandle hc = clk.add(cons);
  ch.bindSender(hp);
  ch.bindReceiver(hc);
  hp.wake();
  q.runUntil(15 * kPeriod);
  // Two items fill the channel at 0 and 1; the producer sleeps until the credit of item 0
  // (received at 10) returns at 11, then one item per cycle.
  CHECK(toCycles(prod.sendTicks) == Cycles{0, 1, 11, 12, 13, 14, 15});
  CHECK(toCycles(cons.recvTicks) == Cycles{10, 11, 12, 13, 14, 15});
  CHECK(cons.values == std::vector<int>{0, 1, 2, 3, 4, 5});
  CHECK(prod.ticks == 7);   // slept through cycles 2..10
  CHECK(cons.ticks == 15);  // woken at 1 by item 0, polled 1..9, then 10..15
}

TEST_CASE("Channel: misuse throws", "[core][channel]") {
  EventQueue q;
  CHECK_THROWS_AS(Channel<int>(q, "c0", 0, 1, 1), std::invalid_argument);
  CHECK_THROWS_AS(Channel<int>(q, "l0", 1, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(Channel<int>(q, "r0", 1, 1, 0), std::invalid_argument);

  Channel<int> ch(q, "ch", 1, 300, 200);  // unbound ends: driven by hand
  CHECK(ch.capacity() == 1);
  CHECK(ch.latency() == 300);
  CHECK(ch.creditLatency() == 200);
  CHECK(ch.canSend());
  CHECK_FALSE(ch.canReceive());
  CHECK_THROWS_AS(ch.receive(), std::logic_error);
  ch.send(7);
  CHECK_FALSE(ch.canSend());
  CHECK_THROWS_AS(ch.send(8), std::logic_error);  // no credit
  CHECK(ch.sent() == 1);
  CHECK(ch.occupancy() == 1);
  q.advanceTo(299);
  CHECK_FALSE(ch.canReceive());
  CHECK_THROWS_AS(ch.peek(), std::logic_error);
  q.advanceTo(300);
  REQUIRE(ch.canReceive());
  CHECK(ch.peek() == 7);
  CHECK(ch.receive() == 7);
  CHECK(ch.occupancy() == 0);
  CHECK_FALSE(ch.canSend());  // credit returns at 500
  CHECK_THROWS_AS(ch.send(9), std::logic_error);
  q.advanceTo(499);
  CHECK_FALSE(ch.canSend());
  q.advanceTo(500);
  CHECK(ch.canSend());
  CHECK(q.empty());  // unbound ends schedule nothing
}
