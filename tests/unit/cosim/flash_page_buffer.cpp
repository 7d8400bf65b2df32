// Co-simulation of the flash page-buffer compute unit (models/flash/compute/PageBufferStream.h)
// against its Verilated RTL (rtl/flash/page_buffer_unit.sv).
#include <catch2/catch.hpp>

#include "models/flash/compute/PageBufferStream.h"
#include "rtl/flash/PageBufferCosim.h"
#include "sim/core/Random.h"

using namespace xpusim;
using namespace xpusim::rtl;
using Op = PageBufferCosimCase::Op;

namespace {

PageBufferCosimCase makeCase(Op op, std::uint64_t pageBytes, std::uint64_t operands,
                             std::uint64_t seed) {
  PageBufferCosimCase c;
  c.op = op;
  c.pageBytes = pageBytes;
  c.operands = operands;
  c.seed = seed;
  return c;
}

/// The cycle law, written out: bitwise N*K + 1, MAC V + M + 2 per command (4-byte words).
Cycle lawCycles(const PageBufferCosimCase& c) {
  const Cycle perCommand =
      c.op == Op::kMac ? c.rowBytes / 4 + c.pageBytes / 4 + 2 : c.pageBytes / 4 * c.operands + 1;
  return perCommand * c.commands;
}

PageBufferCosimResult requireExact(const PageBufferCosimCase& c, Cycle expectCycles) {
  const PageBufferCosimResult r = runPageBufferCosim(c);
  INFO(reproduceCommand(c, 0));
  INFO(r.check.diff);
  REQUIRE(r.check.match);
  REQUIRE(r.modelCycles == expectCycles);
  REQUIRE(r.rtlCycles == expectCycles);
  return r;
}

}  // namespace

TEST_CASE("cosim flash: bitwise and MAC commands match the page-buffer cycle law") {
  // and, 3 operands, 512 B = 128 words: 128 x 3 + 1 = 385.
  requireExact(makeCase(Op::kAnd, 512, 3, 1), 385);
  // nor over 4 blocks, 64 B = 16 words: 16 x 4 + 1 = 65.
  PageBufferCosimCase nor = makeCase(Op::kOr, 64, 4, 3);
  nor.invert = true;
  requireExact(nor, 65);
  // mac, 1 KiB of 64 B rows: 16 vector + 256 weight words + 2 = 274 per page, 2 pages = 548.
  PageBufferCosimCase mac = makeCase(Op::kMac, 1024, 1, 2);
  mac.commands = 2;
  requireExact(mac, 548);
  // A 16 KiB Cambricon-LLM page: 16 + 4096 + 2 = 4114 (PageBufferLaw's core_page_time note).
  requireExact(makeCase(Op::kMac, 16384, 1, 4), 4114);
}

TEST_CASE("cosim flash: 120 randomised cases, all operations, exact in cycles and values") {
  Random pick(88, "cosim.flash.cases");
  int cases = 0;
  for (int n = 0; n < 120; ++n) {
    PageBufferCosimCase c;
    c.op = static_cast<Op>(n % 3);
    c.seed = pick.next();
    c.commands = pick.between(1, 3);
    if (c.op == Op::kMac) {
      c.rowBytes = 4 * pick.between(1, 16);
      c.pageBytes = c.rowBytes * pick.between(1, 24);
      c.rber = pick.below(2) ? 2e-3 : 0;
    } else {
      c.pageBytes = 4 * pick.between(1, 96);
      c.operands = pick.between(1, 12);
      // or: at most 4 blocks per sensing (mws_max_blocks), so spread 5+ operands over <= 4.
      c.blocks = c.op == Op::kOr && c.operands > 4 ? pick.between(1, 4) : 0;
      c.invert = pick.below(2) == 1;
    }
    requireExact(c, lawCycles(c));
    ++cases;
  }
  REQUIRE(cases == 120);
}

TEST_CASE("cosim flash: bitwise results are bit exact against the operands in the stream") {
  // Sum of products with inversion: 6 operands over 3 blocks ({0,1}, {2,3}, {4,5}); each
  // result word must be ~((o0 & o1) | (o2 & o3) | (o4 & o5)) of the page words recorded.
  PageBufferCosimCase c = makeCase(Op::kAnd, 256, 6, 9);
  c.blocks = 3;
  c.invert = true;
  const PageBufferCosimResult r = requireExact(c, 64 * 6 + 1);
  REQUIRE(r.check.modelRecords == 1 + 64 * 6 + 64 + 1);  // command, operands, results, done
  std::vector<std::uint32_t> words;
  int checked = 0;
  for (const cosim::StreamRecord& rec : r.rtlStream.records) {
    if (rec.port == flash::kPbPage) words.push_back(static_cast<std::uint32_t>(rec.value));
    if (rec.port != flash::kPbResult) continue;
    REQUIRE(words.size() == 6);
    const std::uint32_t want =
        ~((words[0] & words[1]) | (words[2] & words[3]) | (words[4] & words[5]));
    REQUIRE(static_cast<std::uint32_t>(rec.value) == want);
    words.clear();
    ++checked;
  }
  CHECK(checked == 64);
}

TEST_CASE("cosim flash: a model delayed by one cycle is caught at the first differing record") {
  PageBufferCosimCase c = makeCase(Op::kAnd, 512, 3, 1);
  c.modelDelayFrom = 5;
  const PageBufferCosimResult r = runPageBufferCosim(c);
  REQUIRE_FALSE(r.check.match);
  // Records: 0 command at cycle 0; 1-3 word 0's operands at cycles 1-3; 4 result[0] at cycle
  // 3 (1 + 0 x 3 + 2); 5 word 1's operand 0 at cycle 4; record 6, word 1's operand 1, is at
  // cycle 5 in the RTL and at 6 in the delayed model.
  INFO(r.check.diff);
  CHECK(r.check.diff.find("first difference at record 6:") != std::string::npos);
  CHECK(r.check.diff.find("model cycle 6 page[1] =") != std::string::npos);
  CHECK(r.check.diff.find("but rtl cycle 5 page[1] =") != std::string::npos);
  CHECK(r.check.diff.find("xpusim cosim flash --op and --page-bytes 512 --operands 3 --seed 1 "
                          "--vcd cosim.vcd --window 0:25") != std::string::npos);
  // Relaxed mode accepts the payloads and counts the late records: every record from cycle 5
  // on, i.e. all 514 (128 x 3 operands, 128 results, command, done) but the 6 before it.
  c.mode = cosim::CheckMode::kRelaxed;
  const PageBufferCosimResult relaxed = runPageBufferCosim(c);
  CHECK(relaxed.check.match);
  CHECK(relaxed.check.cycleDeltas == 514 - 6);
  CHECK(relaxed.check.maxCycleDelta == 1);
}

TEST_CASE("cosim flash: cases beyond the RTL or the sensing limits are rejected by name") {
  CHECK(pageBufferCaseError(makeCase(Op::kAnd, 510, 1, 1)) ==
        "--page-bytes 510: expected a multiple of 4 up to 262140");
  CHECK(pageBufferCaseError(makeCase(Op::kAnd, 64, 256, 1)) == "--operands 256: expected 1 to 255");
  PageBufferCosimCase mac = makeCase(Op::kMac, 100, 1, 1);
  CHECK(pageBufferCaseError(mac) == "--page-bytes 100 is not a whole number of 64-byte rows");
  mac.pageBytes = 128;
  mac.rowBytes = 68;
  CHECK(pageBufferCaseError(mac) == "--row-bytes 68: expected a multiple of 4 up to 64");
  // 5 operands, one block each: mws_max_blocks (4) is the model's limit.
  CHECK_THROWS_WITH(runPageBufferCosim(makeCase(Op::kOr, 64, 5, 1)),
                    Catch::Contains("5 blocks, at most 4 per sensing"));
  // 49 operands in one block: mws_max_wordlines (48).
  CHECK_THROWS_WITH(runPageBufferCosim(makeCase(Op::kAnd, 64, 49, 1)),
                    Catch::Contains("49 word lines in block 0, at most 48 per sensing"));
}
