// Co-simulation of the AiM bank unit of the PIM model (models/pim/BankUnitStream.h) against
// its Verilated RTL (rtl/pim/aim_bank_unit.sv). Timing values are those of
// configs/pim/gddr6_aim.yaml: tRCD_MAC 56, tCCD_MAC 2, tRTP_MAC 12, tMAC_RD 2, tRAS 54,
// tRCD 36, tRCDWR 28, CL 50, CWL 6, nBL 2, tWTR_L 11, tRTRS 2; unit 16 lanes at 1 GHz, tCK
// 0.5 ns, so an INT8 MAC (32 elements per 32-B column) paces MACs at
// max(tCCD_MAC, ceil(32 / 16) x 1000 ps / 500 ps) = 4 cycles (PimUnitSpec::macSpacing).
#include <catch2/catch.hpp>

#include <array>
#include <map>

#include "models/pim/BankUnitProgram.h"
#include "models/pim/BankUnitStream.h"
#include "rtl/pim/PimCosim.h"

using namespace xpusim;
using namespace xpusim::rtl;

namespace {

const std::filesystem::path kAimPreset = XPUSIM_SOURCE_DIR "/configs/pim/gddr6_aim.yaml";

const BankUnitDevice& aim() {
  static const BankUnitDevice device = BankUnitDevice::load(kAimPreset);
  return device;
}

BankColumn filled(int v) {
  BankColumn c;
  c.fill(static_cast<std::int8_t>(v));
  return c;
}

BankUnitCommand command(BankUnitOp op, std::uint32_t row = 0, std::uint32_t column = 0,
                        BankColumn data = {}) {
  return {op, row, column, data};
}

PimCosimCase makeCase(std::uint64_t ops, std::uint64_t seed) {
  PimCosimCase c;
  c.preset = kAimPreset;
  c.ops = ops;
  c.seed = seed;
  return c;
}

std::int64_t rowColumn(std::uint32_t row, std::uint32_t column) {
  return std::int64_t{row} << 16 | column;
}

/// WR_GB, ACT16, MAC_ABK, MAC_SBK, RD_MAC, PREA on row 5, column 3.
std::vector<BankUnitCommand> macSequence() {
  using Op = BankUnitOp;
  return {command(Op::kWrGb, 0, 3, filled(2)),
          command(Op::kAct, 5),
          command(Op::kMacAbk, 5, 3, filled(-3)),
          command(Op::kMacSbk, 5, 3, filled(7)),
          command(Op::kRdMac),
          command(Op::kPre)};
}

}  // namespace

TEST_CASE("pim cosim: ACT16, MAC_ABK, MAC_SBK, RD_MAC and PREA follow the AiM edges") {
  const std::vector<BankUnitCommand> seq = macSequence();
  const cosim::Stream model = bankUnitStream(aim(), seq, aim().int8Timing());
  // WR_GB at 0; ACT16 at 1 (one command per cycle); MAC_ABK at max(1 + tRCD_MAC 56,
  // WR_GB + CWL + nBL = 8) = 57; MAC_SBK at 57 + 4 (INT8 MAC spacing) = 61; RD_MAC at
  // 61 + tMAC_RD 2 = 63, its result at 63 + CL 50 + nBL 2 = 115; PREA at max(1 + tRAS 54,
  // 61 + tRTP_MAC 12) = 73. Result: 32 x (-3 x 2) + 32 x (7 x 2) = -192 + 448 = 256.
  const std::vector<cosim::StreamRecord> expect = {{0, kBankUnitCommandPort, 4, rowColumn(0, 3)},
                                                   {1, kBankUnitCommandPort, 0, rowColumn(5, 0)},
                                                   {57, kBankUnitCommandPort, 2, rowColumn(5, 3)},
                                                   {61, kBankUnitCommandPort, 3, rowColumn(5, 3)},
                                                   {63, kBankUnitCommandPort, 5, 0},
                                                   {73, kBankUnitCommandPort, 1, 0},
                                                   {115, kBankUnitMacPort, 0, 256}};
  CHECK(model.records == expect);

  const PimCosimResult r = runPimCosim(makeCase(seq.size(), 0), aim(), seq);
  INFO(r.check.diff);
  REQUIRE(r.ok());
  CHECK(r.rtlCycles == 116);
}

TEST_CASE("pim cosim: element-wise ops saturate and copies move buffer entries") {
  using Op = BankUnitOp;
  const std::vector<BankUnitCommand> seq = {command(Op::kWrGb, 0, 0, filled(100)),
                                            command(Op::kAct, 9),
                                            command(Op::kEwAdd, 9, 0, filled(100)),
                                            command(Op::kCopyGbBk, 9, 0),
                                            command(Op::kEwMul, 9, 0, filled(-2)),
                                            command(Op::kCopyBkGb, 9, 1, filled(5)),
                                            command(Op::kCopyGbBk, 9, 0)};
  const cosim::Stream model = bankUnitStream(aim(), seq, aim().int8Timing());
  // EWADD (timed as MACab) at 1 + 56 = 57: 100 + 100 saturates to 127. COPY_GBBK (timed as
  // WR) at max(58, 1 + tRCDWR 28) = 58 sends 32 x 127. EWMUL at 57 + 4 = 61: 127 x -2 = -254
  // saturates to -128. COPY_BKGB (RD) at max(1 + tRCD 36, 58 + CWL 6 + nBL 2 + tWTR_L 11)
  // = 77. COPY_GBBK at 77 + CL 50 + nBL 2 + tRTRS 2 - CWL 6 = 125 sends 32 x -128.
  std::map<Cycle, std::vector<std::int64_t>> out;
  std::vector<Cycle> commandCycles;
  for (const cosim::StreamRecord& rec : model.records) {
    if (rec.port == kBankUnitGbOutPort) out[rec.cycle].push_back(rec.value);
    if (rec.port == kBankUnitCommandPort) commandCycles.push_back(rec.cycle);
  }
  CHECK(commandCycles == std::vector<Cycle>{0, 1, 57, 58, 61, 77, 125});
  CHECK(out.size() == 2);
  CHECK(out[58] == std::vector<std::int64_t>(32, 127));
  CHECK(out[125] == std::vector<std::int64_t>(32, -128));

  const PimCosimResult r = runPimCosim(makeCase(seq.size(), 0), aim(), seq);
  INFO(r.check.diff);
  REQUIRE(r.ok());
  CHECK(r.rtlCycles == 126);
}

TEST_CASE("pim cosim: 60 random legal sequences of 500 commands, exact in cycles and values") {
  std::array<std::uint64_t, static_cast<std::size_t>(BankUnitOp::kCount)> seen{};
  std::array<std::uint64_t, 3> recordsPerPort{};
  std::uint64_t nonzeroResults = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const PimCosimCase c = makeCase(500, seed);
    Random random(seed, "cosim.pim");  // the sequence runPimCosim(c, device) draws
    const auto commands = randomBankUnitProgram(aim().dram.org, c.ops, random);
    const PimCosimResult r = runPimCosim(c, aim(), commands);
    INFO(reproduceCommand(c, 0));
    INFO(r.check.diff);
    REQUIRE(r.ok());
    for (const BankUnitCommand& cmd : commands) ++seen[static_cast<std::size_t>(cmd.op)];
    for (const cosim::StreamRecord& rec :
         bankUnitStream(aim(), commands, aim().int8Timing()).records) {
      ++recordsPerPort[rec.port];
      nonzeroResults += rec.port == kBankUnitMacPort && rec.value != 0;
    }
  }
  // Coverage: every opcode occurs, RD_MAC results (mostly nonzero: MACs read loaded buffer
  // entries) and COPY_GBBK data are compared.
  for (std::size_t op = 0; op < seen.size(); ++op) {
    INFO(bankUnitOpName(static_cast<BankUnitOp>(op)));
    CHECK(seen[op] > 0);
  }
  CHECK(recordsPerPort[kBankUnitCommandPort] == 60 * 500);
  CHECK(recordsPerPort[kBankUnitMacPort] == seen[static_cast<std::size_t>(BankUnitOp::kRdMac)]);
  INFO(nonzeroResults << " of " << recordsPerPort[kBankUnitMacPort] << " results nonzero");
  CHECK(nonzeroResults * 3 > recordsPerPort[kBankUnitMacPort] * 2);  // 2572 of 3385
  CHECK(recordsPerPort[kBankUnitGbOutPort] ==
        32 * seen[static_cast<std::size_t>(BankUnitOp::kCopyGbBk)]);
}

TEST_CASE("pim cosim: a long sequence of 20000 commands stays exact") {
  const PimCosimResult r = runPimCosim(makeCase(20000, 77), aim());
  INFO(r.check.diff);
  REQUIRE(r.ok());
  CHECK(r.modelCycles == r.rtlCycles);
}

TEST_CASE("pim cosim: a model with tRCD_MAC one cycle longer is caught at the first MAC") {
  PimCosimCase c = makeCase(6, 0);
  c.modelLonger = &DramTiming::tRCDMAC;
  const PimCosimResult r = runPimCosim(c, aim(), macSequence());
  REQUIRE_FALSE(r.check.match);
  // Records 0 (WR_GB) and 1 (ACT16) agree; record 2, the MAC_ABK, is at 1 + 56 = 57 in the RTL
  // and at 58 in the perturbed model. Row 5, column 3: value 5 << 16 | 3 = 327683.
  INFO(r.check.diff);
  CHECK(r.check.diff.find("first difference at record 2:") != std::string::npos);
  CHECK(r.check.diff.find("model cycle 58 cmd[2] = 327683 but rtl cycle 57 cmd[2] = 327683") !=
        std::string::npos);
  CHECK(r.check.diff.find("--ops 6 --seed 0 --vcd cosim.vcd --window 37:77") != std::string::npos);

  // In a random sequence the perturbation is caught as well.
  PimCosimCase random = makeCase(500, 3);
  random.modelLonger = &DramTiming::tRCDMAC;
  const PimCosimResult rr = runPimCosim(random, aim());
  CHECK_FALSE(rr.check.match);
  CHECK(rr.check.diff.find("first difference at record") != std::string::npos);
}

TEST_CASE("pim cosim: presets that do not fit the RTL are named") {
  CHECK(rtlMismatch(aim()).empty());
  const BankUnitDevice hbm = BankUnitDevice::load(XPUSIM_SOURCE_DIR "/configs/pim/hbm2_pim.yaml");
  CHECK(rtlMismatch(hbm) == "the RTL's global buffer holds 2048 bytes; the preset's 256");
  CHECK_THROWS_AS(BankUnitDevice::load(XPUSIM_SOURCE_DIR "/configs/memory/dram/gddr6_aim.yaml"),
                  InputError);
}

TEST_CASE("pim cosim: each timing parameter one cycle longer in the model is caught") {
  // Every edge the RTL implements binds somewhere in a long random sequence, so lengthening
  // any parameter in the model alone makes the streams differ. The exception is tWTR_S (9),
  // which only enters as max(tWTR_S, tWTR_L = 11) for WR -> RD within one bank group.
  const std::pair<const char*, Cycle DramTiming::*> params[] = {
      {"tRC", &DramTiming::tRC},
      {"tRAS", &DramTiming::tRAS},
      {"tRP", &DramTiming::tRP},
      {"tRCD", &DramTiming::tRCD},
      {"tRCDWR", &DramTiming::tRCDWR},
      {"tRCD_MAC", &DramTiming::tRCDMAC},
      {"tCCD_MAC", &DramTiming::tCCDMAC},
      {"tCCD_S", &DramTiming::tCCD_S},
      {"tCCD_L", &DramTiming::tCCD_L},
      {"tCCD_L_WR", &DramTiming::tCCD_L_WR},
      {"tRTP", &DramTiming::tRTP},
      {"tRTP_MAC", &DramTiming::tRTPMAC},
      {"tCCD_GB", &DramTiming::tCCDGB},
      {"tMAC_RD", &DramTiming::tMACRD},
      {"CL", &DramTiming::CL},
      {"CWL", &DramTiming::CWL},
      {"nBL", &DramTiming::nBL},
      {"tWR", &DramTiming::tWR},
      {"tWTR_S", &DramTiming::tWTR_S},
      {"tWTR_L", &DramTiming::tWTR_L},
      {"tRTRS", &DramTiming::tRTRS}};
  for (const auto& [name, member] : params) {
    PimCosimCase c = makeCase(20000, 11);
    c.modelLonger = member;
    const PimCosimResult r = runPimCosim(c, aim());
    INFO(name);
    CHECK(r.check.match == (std::string(name) == "tWTR_S"));
  }
}
