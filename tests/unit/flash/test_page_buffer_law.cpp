// The page-buffer compute unit's model side: its cycle law, its GEMV and its canonical stream.
#include <catch2/catch.hpp>

#include "models/flash/compute/PageBufferStream.h"
#include "models/flash/compute/PageGemv.h"

using namespace xpusim;
using namespace xpusim::flash;

TEST_CASE("flash page GEMV sums each row of int8 weights against the input vector") {
  // Rows {1, -2, 3, 127} and {-128, 0, 5, -1} against {2, 3, -4, -128}:
  // 2 - 6 - 12 - 16256 = -16272 and -256 + 0 - 20 + 128 = -148.
  const std::vector<std::int8_t> w = {1, -2, 3, 127, -128, 0, 5, -1};
  const std::vector<std::int8_t> v = {2, 3, -4, -128};
  CHECK(pageGemv(w, v) == std::vector<std::int32_t>{-16272, -148});
  CHECK_THROWS_WITH(pageGemv({1, 2, 3}, {1, 2}), Catch::Contains("not a whole number"));
}

TEST_CASE("flash page-buffer law: a MAC page fits the device's core_page_time") {
  const PageBufferLaw law(4);
  PageBufferCommand mac;
  mac.mac = true;
  mac.vector.resize(64);
  mac.weights.resize(16384);
  // 16 vector words + 4096 weight words + 2 (product stage, return to idle) = 4114 cycles.
  CHECK(law.length(mac) == 4114);
  // At a 250 MHz page-buffer clock (4000 ps): 16.456 us, within the 20 us core_page_time
  // default (Cambricon-LLM: compute matched to the array, 16 KB per 20 us).
  CHECK(law.macPageTime(16384, 64, 4000) == 16'456'000);
  PageBufferCommand bitwise;
  bitwise.operands.assign(3, std::vector<std::uint8_t>(512));
  CHECK(law.length(bitwise) == 128 * 3 + 1);
}

TEST_CASE("flash page-buffer stream: records at the law's cycles with the sensing's values") {
  // and over 2 operands of one 4-byte word in block 0, or with a third in block 1:
  // (a & b) | c per byte; command at 0, operands at 1, 2, 3, result and done at 3.
  PageBufferCommand c;
  c.operands = {{0xf0, 0x0f, 0xff, 0x00}, {0xcc, 0xcc, 0x0f, 0xff}, {0x01, 0x00, 0x00, 0x80}};
  c.blocks = {0, 0, 1};
  const BitwiseSensing sensing(48, 4, 30'000'000, 0);
  const cosim::Stream s = pageBufferStream({c}, PageBufferLaw(4), sensing);
  REQUIRE(s.records.size() == 6);
  CHECK(s.records[0] == cosim::StreamRecord{0, kPbCommand, 0, 0});
  CHECK(s.records[1] == cosim::StreamRecord{1, kPbPage, 0, 0x00ff0ff0});
  CHECK(s.records[3] == cosim::StreamRecord{3, kPbPage, 2, 0x80000001});
  // bytes: f0&cc|01 = c1, 0f&cc|00 = 0c, ff&0f|00 = 0f, 00&ff|80 = 80.
  CHECK(s.records[4] == cosim::StreamRecord{3, kPbResult, 0, 0x800f0cc1});
  CHECK(s.records[5] == cosim::StreamRecord{3, kPbDone, 0, 0});
}
