#include <catch2/catch.hpp>

#include "FlashFixture.h"
#include "sim/core/EventQueue.h"

using namespace xpusim;
using namespace xpusim::flash;

// ONFI NV-DDR2 defaults (MQSim): read cmd = tCS 20 + 6 tWC 150 + tWB 100 + tRR 20 = 290 ns;
// program cmd = 20 + 150 + tADL 70 + tWPST 6 + tWPSTH 15 + tWB 100 = 361 ns; data-out setup
// tRPRE 15 + tDQSRE 15 = 30 ns; R/B detection after tR 20 ns.
// 8 KiB at 333 MT/s x 8 bit: 8192 transfers * 1e6 / 333 ps = 24,600,600.6 -> 24,600,601 ps.
constexpr Tick kXfer8k333 = 24'600'601;

TEST_CASE("flash ONFI transfers are exact for rates that do not divide a nanosecond") {
  const OnfiTiming t = test::timingFrom(test::kMqsimTiming);
  CHECK(t.transfer(8192) == kXfer8k333);
  CHECK(t.readCommand(1) == 290'000);
  CHECK(t.readCommand(2) == 290'000 + 650'000);  // + tDBSY 500 + 6 tWC 150
  CHECK(t.programCommand(1) == 361'000);
  CHECK(t.dataOutSetup() == 30'000);
  // 400 MT/s: 8192 / 400e6 s = 20.48 us (MQSim's (int)(1000/400) = 2 ns gives 16.384 us).
  std::string y400 = test::kMqsimTiming;
  y400.replace(y400.find("333"), 3, "400");
  CHECK(test::timingFrom(y400).transfer(8192) == 20'480'000);
  CHECK(test::timingFrom(y400 + "mqsim_rounding: true\n").transfer(8192) == 16'384'000);
  std::string y800 = test::kMqsimTiming;
  y800.replace(y800.find("333"), 3, "800");
  CHECK(test::timingFrom(y800).transfer(8192) == 10'240'000);  // 10.24 us
  CHECK(test::timingFrom(y800 + "mqsim_rounding: true\n").transfer(8192) == 8'192'000);
  // MLC page types: even pages LSB, odd pages MSB.
  CHECK(t.pageType(0) == PageType::kLsb);
  CHECK(t.pageType(1) == PageType::kMsb);
}

TEST_CASE("flash reads on one channel do not hold the bus during tR") {
  EventQueue q;
  test::Recorder rec;
  FlashArray array(q, test::geometryFrom(test::kMqsimGeometry),
                   test::timingFrom(test::kMqsimTiming), false, true, 0, nullptr, "f", rec);
  FlashOp a, b;
  a.busOutBytes = b.busOutBytes = 8192;
  b.addr.chip = 1;  // another die of channel 0
  array.submit(a);
  array.submit(b);
  while (q.step()) {
  }
  REQUIRE(rec.done.size() == 2);
  // A: cmd [0, 290 ns), tR + R/B to 75,310 ns, data-out 30 ns + 24,600,601 ps.
  const Tick aDone = 290'000 + 75'000'000 + 20'000 + 30'000 + kXfer8k333;
  // B: its command right after A's (bus free during A's tR), so its tR ends at 75,600 ns,
  // before A's data-out ends; its data-out follows A's at once.
  const Tick bDone = aDone + 30'000 + kXfer8k333;
  CHECK(rec.done[0] == aDone);
  CHECK(rec.done[1] == bDone);
  CHECK(array.channels()[0].busyTicks() == 2 * 290'000 + 2 * (30'000 + kXfer8k333));
}

TEST_CASE("flash burst of reads is bounded below by the channel-transfer floor") {
  EventQueue q;
  test::Recorder rec;
  const FlashGeometry g = test::geometryFrom(test::kMqsimGeometry);
  FlashArray array(q, g, test::timingFrom(test::kMqsimTiming), false, true, 0, nullptr, "f", rec);
  std::vector<FlashOp> ops(64);
  for (std::uint32_t i = 0; i < ops.size(); ++i) {
    ops[i].addr = g.stripe(i * g.channels);  // all on channel 0, spread over its dies/planes
    ops[i].busOutBytes = 8192;
    array.submit(ops[i]);
  }
  while (q.step()) {
  }
  REQUIRE(rec.done.size() == 64);
  const Tick floor = 64 * (30'000 + kXfer8k333);
  CHECK(q.now() >= floor + 290'000 + 75'020'000);  // first cmd and tR precede any data
  CHECK(array.channels()[0].dataOutTicks == floor);
  CHECK(array.channels()[1].busyTicks() == 0);
}

TEST_CASE("flash cache read overlaps the next tR with the data-out") {
  EventQueue q;
  test::Recorder rec;
  FlashArray array(q, test::geometryFrom(test::kMqsimGeometry),
                   test::timingFrom(std::string(test::kMqsimTiming) + "cache_operations: true\n"),
                   false, false, 0, nullptr, "f", rec);
  FlashOp a, b;
  a.busOutBytes = b.busOutBytes = 8192;
  b.addr.page = 2;  // same die and plane
  array.submit(a);
  array.submit(b);
  while (q.step()) {
  }
  REQUIRE(rec.done.size() == 2);
  // B's command goes as soon as A's page is in the cache register (75,310 ns); commands have
  // bus priority, so A's data-out starts after it, at 75,600 ns.
  const Tick aDone = 75'600'000 + 30'000 + kXfer8k333;
  CHECK(rec.done[0] == aDone);
  // B senses from 75,600 ns to 150,620 ns, then leaves.
  CHECK(rec.done[1] == 75'600'000 + 75'020'000 + 30'000 + kXfer8k333);
}
