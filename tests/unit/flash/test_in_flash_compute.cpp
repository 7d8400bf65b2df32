#include <catch2/catch.hpp>

#include <random>

#include "models/flash/compute/BitwiseSensing.h"
#include "models/flash/compute/HammingSecDed.h"
#include "models/flash/compute/OutlierEcc.h"
#include "models/flash/llm/TilingPlan.h"

using namespace xpusim;
using namespace xpusim::flash;

TEST_CASE("flash multi-word-line sensing is bit exact and enforces its operand limits") {
  std::mt19937_64 rng(3);
  std::vector<std::vector<std::uint8_t>> pages(6, std::vector<std::uint8_t>(4096));
  for (auto& p : pages)
    for (auto& b : p) b = static_cast<std::uint8_t>(rng());
  const BitwiseSensing mws(3, 2, 30'000'000, 1'000'000);
  // Block 0: AND of word lines 0..2; block 1: AND of 3..4; OR across the blocks.
  std::vector<BitwiseOperand> ops = {{0, 0, &pages[0]},
                                     {0, 1, &pages[1]},
                                     {0, 2, &pages[2]},
                                     {1, 0, &pages[3]},
                                     {1, 1, &pages[4]}};
  const auto r = mws.evaluate(ops, false);
  const auto inv = mws.evaluate(ops, true);
  for (std::size_t i = 0; i < 4096; ++i) {
    const std::uint8_t want =
        (pages[0][i] & pages[1][i] & pages[2][i]) | (pages[3][i] & pages[4][i]);
    REQUIRE(r[i] == want);
    REQUIRE(inv[i] == static_cast<std::uint8_t>(~want));
  }
  CHECK(mws.senseTime(5) == 34'000'000);  // base 30 us + 4 x 1 us
  ops.push_back({0, 3, &pages[5]});       // a 4th word line in block 0
  CHECK_THROWS_WITH(mws.evaluate(ops, false), Catch::Contains("at most 3 per sensing"));
  ops.back() = {2, 0, &pages[5]};  // a 3rd block
  CHECK_THROWS_WITH(mws.evaluate(ops, false), Catch::Contains("at most 2 per sensing"));
  ops.back() = {0, 0, &pages[5]};
  CHECK_THROWS_WITH(mws.evaluate(ops, false), Catch::Contains("given twice"));
}

TEST_CASE("flash SEC-DED corrects every single flip and reports every double flip") {
  const HammingSecDed code(14);
  CHECK(code.checkBits() == 5);  // 2^5 >= 14 + 5 + 1
  const std::uint64_t data = 0x2a5b;
  const std::uint64_t word = code.encode(data);
  CHECK(code.decode(word).status == HammingSecDed::Status::kClean);
  for (unsigned i = 0; i < code.codewordBits(); ++i) {
    const auto d = code.decode(word ^ (std::uint64_t{1} << i));
    REQUIRE(d.status == HammingSecDed::Status::kCorrected);
    REQUIRE(d.data == data);
    for (unsigned j = i + 1; j < code.codewordBits(); ++j)
      REQUIRE(code.decode(word ^ (std::uint64_t{1} << i) ^ (std::uint64_t{1} << j)).status ==
              HammingSecDed::Status::kUncorrectable);
  }
}

TEST_CASE("flash outlier ECC corrects what it says and reports the rest") {
  std::mt19937_64 rng(5);
  std::vector<std::int8_t> page(16384);
  for (auto& v : page) v = static_cast<std::int8_t>(static_cast<int>(rng() % 41) - 20);
  page[100] = 120;
  page[9000] = -110;
  const OutlierEcc ecc(0.01, 16384, 1'000'000, 1e-4);
  CHECK(ecc.entries() == 163);  // floor(0.01 * 16384), as in the paper
  // 163 x (20-bit SEC-DED address + 2 x 8-bit copies) = 733.5 -> 734 B, + 9 threshold copies.
  CHECK(ecc.spareBytes() == 743);
  OutlierEcc::Spare spare = ecc.protect(page);
  std::vector<std::int8_t> read = page;
  read[100] = static_cast<std::int8_t>(read[100] ^ 0x08);  // an outlier value bit: majority
  read[5] = static_cast<std::int8_t>(read[5] ^ 0x40);      // a small value pushed above threshold
  spare.addressWords[0] ^= 0x4;  // one flip in the address of 120: corrected
  spare.addressWords[1] ^= 0x6;  // two flips in the address of -110: reported
  const OutlierEcc::Report r = ecc.repair(read, spare);
  CHECK(read[100] == 120);
  CHECK(r.correctedValueBits == 1);
  CHECK(r.correctedAddressBits == 1);
  CHECK(r.failedEntries == 1);
  // Clipped: the corrupted small value, and the outlier whose address was lost (clip-to-zero).
  CHECK(read[5] == 0);
  CHECK(read[9000] == 0);
  CHECK(r.clipped == 2);
}

// B5: Cambricon-LLM-S: 4 cores per channel (2 chips x 2 dies), 16 KiB pages, 8 channels,
// tR 30 us, 1 GB/s: H* = sqrt(4 x 16384) = 256, W* = 8 x 256 = 2048;
// t_rc = 30 us + 256 B / 1 GB/s = 30.256 us; rate_rc = 512 / 30000 = 1.7067 %;
// t_read = 16384 / (0.98293 GB/s) = 16.668 us; alpha = 16.668 / 46.924 = 0.3552.
TEST_CASE("flash Cambricon-LLM tiling formula gives the published S tile") {
  const auto p = llm::TilingPlan::make(8, 4, 16384, 16384, 30e-6, 1e9, 0, 0, -1, false);
  CHECK(p.tileH == 256);
  CHECK(p.tileW == 2048);
  CHECK(p.tRc == Approx(30.256e-6));
  CHECK(p.rateRc == Approx(512.0 / 30000));
  CHECK(p.tRead == Approx(16.668e-6).epsilon(1e-4));
  CHECK(p.alpha == Approx(0.355).epsilon(2e-3));
  // Balanced channel paths: t_rc / (t_rc + 4 t_read) = 30.256 / 96.93 = 0.312.
  CHECK(p.balanced == Approx(0.3121).epsilon(1e-3));
}
