// The AiM activation-function path: AF / RD_AF timing edges, the LUT rule (ActivationLut) and
// GEMV kernels with `activation:`. Gaps from configs/pim/gddr6_aim.yaml on
// configs/memory/dram/gddr6_aim.yaml: tRCD_AF 86 (nRCDRDAF), tRAS 54, tRP 32, tRC 89, tRTP 12,
// tRTP_MAC 12, tMAC_RD 2, tRFC 210, nBL 2.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "PimFixture.h"
#include "models/memory/dram/DramTimingCore.h"
#include "models/pim/ActivationLut.h"

using namespace xpusim;
using C = DramCommand;

namespace {

constexpr Cycle kT0 = 10'000;  // far from the set-up commands

const DramSpec& aim() {
  static const DramSpec s = [] {
    auto run = test::runPim("gddr6_aim", test::gemvKernel(16, 16), "    refresh: off\n");
    return test::device(*run).dram();
  }();
  return s;
}

DramTimingCore makeCore() {
  return DramTimingCore(aim().org, buildTimingTable(aim().timing), aim().timing.tFAW);
}

/// `next` to `a` is illegal one cycle before `at` and legal at `at`.
void requireFirstLegal(DramTimingCore& core, C next, const DramAddress& a, Cycle at) {
  INFO(dramCommandName(next) << " expected first legal at " << at);
  REQUIRE(core.earliest(next, a) == at);
  DramTimingCore copy = core;
  REQUIRE_THROWS_AS(copy.issue(next, a, at - 1), std::logic_error);
  copy.issue(next, a, at);
}

/// Rank 0 of channel 0 at `row` (the LUT row for AF).
DramAddress rank0(std::uint32_t row) {
  DramAddress a;
  a.row = row;
  return a;
}

double stat(const test::Run& r, const std::string& name) {
  return r.stat("system.pim." + name);
}

std::string gemv(int rows, int cols, const std::string& activation,
                 const std::string& dtype = "fp16") {
  return test::gemvKernel(rows, cols, dtype) + "activation: " + activation + "\n";
}

}  // namespace

TEST_CASE("AiM preset carries the AF edge", "[pim][af]") {
  const DramTiming& t = aim().timing;
  CHECK(t.tRCDAF == 86);
  CHECK(t.hasAf());
  CHECK(t.tRAS == 54);
  CHECK(t.tRC == 89);
}

TEST_CASE("AF and RD_AF timing edges", "[pim][af]") {
  const DramTiming& t = aim().timing;
  const std::uint32_t lut = aim().org.rows - 1;
  const DramAddress a = rank0(lut);
  SECTION("PREA -> AF is tRP") {
    auto core = makeCore();
    core.issue(C::kActAb, rank0(3), 0);
    core.issue(C::kPreAll, a, kT0);
    requireFirstLegal(core, C::kAf, a, kT0 + t.tRP);
  }
  SECTION("AF -> RD_AF is tRCD_AF (nRCDRDAF 86)") {
    auto core = makeCore();
    core.issue(C::kAf, a, kT0);
    requireFirstLegal(core, C::kRdAf, a, kT0 + t.tRCDAF);
  }
  SECTION("AF -> PREA is tRAS") {
    auto core = makeCore();
    core.issue(C::kAf, a, kT0);
    requireFirstLegal(core, C::kPreAll, a, kT0 + t.tRAS);
  }
  SECTION("RD_AF -> PREA is tRTP") {
    auto core = makeCore();
    core.issue(C::kAf, a, kT0);
    core.issue(C::kRdAf, a, kT0 + t.tRCDAF);  // 86 + 12 > tRAS 54: tRTP decides
    requireFirstLegal(core, C::kPreAll, a, kT0 + t.tRCDAF + t.tRTP);
  }
  SECTION("RD_AF -> RD_AF and RD_MAC -> RD_AF are nBL (data bus)") {
    auto core = makeCore();
    core.issue(C::kAf, a, 0);
    core.issue(C::kRdAf, a, kT0);
    requireFirstLegal(core, C::kRdAf, a, kT0 + t.nBL);
    auto other = makeCore();
    other.issue(C::kAf, a, 0);
    other.issue(C::kRdMac, a, kT0);
    requireFirstLegal(other, C::kRdAf, a, kT0 + t.nBL);
  }
  SECTION("AF -> AF and AF -> ACTab are tRC (PREA at tRAS + tRP = 86 < tRC = 89)") {
    auto core = makeCore();
    core.issue(C::kAf, a, kT0);
    core.issue(C::kPreAll, a, kT0 + t.tRAS);
    requireFirstLegal(core, C::kAf, a, kT0 + t.tRC);
    requireFirstLegal(core, C::kActAb, rank0(3), kT0 + t.tRC);
  }
  SECTION("ACTab -> AF is tRC") {
    auto core = makeCore();
    core.issue(C::kActAb, rank0(3), kT0);
    core.issue(C::kPreAll, a, kT0 + t.tRAS);
    requireFirstLegal(core, C::kAf, a, kT0 + t.tRC);
  }
  SECTION("REF -> AF is tRFC") {
    auto core = makeCore();
    core.issue(C::kRefresh, a, kT0);
    requireFirstLegal(core, C::kAf, a, kT0 + t.tRFC);
  }
  SECTION("AF needs the banks closed and RD_AF the LUT row open") {
    auto core = makeCore();
    core.issue(C::kActAb, rank0(3), 0);
    CHECK_THROWS_AS(core.issue(C::kAf, a, kT0), std::logic_error);
    auto closed = makeCore();
    CHECK_THROWS_AS(closed.issue(C::kRdAf, a, kT0), std::logic_error);
  }
}

TEST_CASE("LUT values at table points are the rounded function", "[pim][af][lut]") {
  for (PimActivation f : {PimActivation::kRelu, PimActivation::kGelu, PimActivation::kSigmoid,
                          PimActivation::kTanh}) {
    const ActivationLut lut(f);
    for (int i = 0; i < ActivationLut::kPoints; ++i) {
      const double x = ActivationLut::kMin + i * ActivationLut::kStep;
      INFO("point " << i);
      REQUIRE(lut.entry(i).bits() == Half::fromDouble(lut.exact(x)).bits());
      // Compared as values: an entry -0 (GELU far below 0) interpolates to +0.
      REQUIRE(lut.evaluate(Half::fromDouble(x)).toDouble() == lut.entry(i).toDouble());
      REQUIRE(lut.reference(x) == lut.entry(i).toDouble());
    }
  }
  const ActivationLut sigmoid(PimActivation::kSigmoid), gelu(PimActivation::kGelu);
  CHECK(sigmoid.evaluate(Half::fromDouble(0)).toDouble() == 0.5);
  // GELU(1) = Phi(1) = 0.841344746 -> FP16 (ulp 2^-11 in [0.5, 1)): 1723 x 2^-11.
  CHECK(gelu.evaluate(Half::fromDouble(1)).toDouble() == 1723.0 / 2048);
}

TEST_CASE("LUT interpolation and tails are exact", "[pim][af][lut]") {
  const Half x = Half::fromDouble(1.0 / 32);  // half way between points 128 (0) and 129 (1/16)
  // sigmoid(1/16) = 0.5156199 -> FP16 1056 x 2^-11 = 0.515625; the midpoint of 0.5 and it is
  // 0.5078125 = 1040 x 2^-11, exact in FP32 and FP16.
  CHECK(ActivationLut(PimActivation::kSigmoid).evaluate(x).toDouble() == 0.5078125);
  // tanh(1/16) = 0.0624187 -> FP16 2045 x 2^-15; half of it, 2045 x 2^-16, is exact.
  CHECK(ActivationLut(PimActivation::kTanh).evaluate(x).toDouble() == 2045.0 / 65536);
  // Three quarters of the way from point 128 (0) to 129 (1/16): x = 3/64, t = 0.75.
  CHECK(ActivationLut(PimActivation::kSigmoid).evaluate(Half::fromDouble(3.0 / 64)).toDouble() ==
        Half::fromDouble(0.5 + 0.75 * 0.015625).toDouble());  // 0.51171875 = 1048 x 2^-11
  const ActivationLut gelu(PimActivation::kGelu), sigmoid(PimActivation::kSigmoid);
  // Tails: GELU continues with slope 1 from L[256] = FP16(GELU(8)) = 8; below -8, L[0] is
  // GELU(-8) = -5e-15, which underflows to -0 in FP16.
  CHECK(gelu.evaluate(Half::fromDouble(10)).toDouble() == 10);
  CHECK(gelu.evaluate(Half::fromDouble(-10)).toDouble() == 0);
  // sigmoid(8) = 0.999665 -> FP16 2047 x 2^-11 for every x >= 8.
  CHECK(sigmoid.evaluate(Half::fromDouble(20)).toDouble() == 2047.0 / 2048);
  CHECK(sigmoid.maxSlope() <= 0.26);  // sigmoid' <= 1/4, plus FP16 table rounding
}

TEST_CASE("INT8 activation table", "[pim][af][lut]") {
  // Input code q means q / 16; outputs in 1/16 (ReLU, GELU) or 1/64 (sigmoid, tanh).
  CHECK(ActivationLut(PimActivation::kSigmoid).evaluateInt8(0) == 32);   // 0.5 x 64
  CHECK(ActivationLut(PimActivation::kGelu).evaluateInt8(16) == 13);     // 0.8413 x 16 = 13.46
  CHECK(ActivationLut(PimActivation::kGelu).evaluateInt8(127) == 127);   // 7.9375 x 16 = 127
  CHECK(ActivationLut(PimActivation::kTanh).evaluateInt8(-128) == -64);  // tanh(-8) x 64
  CHECK(ActivationLut(PimActivation::kRelu).evaluateInt8(-5) == 0);
  CHECK(ActivationLut(PimActivation::kRelu).evaluateInt8(100) == 100);
}

TEST_CASE("GEMV + activation costs GEMV's cycles plus the closed-form AF read-out", "[pim][af]") {
  // 32 channels x 16 bank units; cols 1024 FP16 = 64 bursts = one global-buffer tile and one
  // DRAM row, so every unit's output row is one row of MAC_ABK 64. The last row's RD_MAC
  // (tMAC_RD after the last MAC) becomes PREA (tRTP_MAC), AF (tRP), RD_AF (tRCD_AF):
  //   + tRTP_MAC + tRP + tRCD_AF - tMAC_RD = 12 + 32 + 86 - 2 = 128 cycles;
  // every earlier row additionally closes the LUT row before its successor's row switch:
  //   + tRP + tRCD_AF + tRTP = 32 + 86 + 12 = 130 cycles (PREA -> AF -> RD_AF -> PREA).
  const std::string off = "    refresh: off\n";
  for (const char* f : {"gelu", "sigmoid", "tanh", "relu"}) {
    INFO(f);
    for (int rowsPerUnit : {1, 2}) {
      const int rows = 512 * rowsPerUnit;
      auto plain = test::runPim("gddr6_aim", test::gemvKernel(rows, 1024), off);
      auto af = test::runPim("gddr6_aim", gemv(rows, 1024, f), off);
      CHECK(stat(*af, "pim_cycles") - stat(*plain, "pim_cycles") == 128 + (rowsPerUnit - 1) * 130);
      CHECK(stat(*af, "af") == 32.0 * rowsPerUnit);    // one AF per rank and output row
      CHECK(stat(*af, "rdaf") == 32.0 * rowsPerUnit);  // 16 units x 2 B = one burst
      CHECK(stat(*af, "rdmac") == 0);
      CHECK(stat(*af, "functional_check") == 1);
      CHECK(stat(*af, "max_error_share") <= 1);
      CHECK(stat(*af, "af_max_function_error") > 0);
      CHECK(stat(*af, "af_max_function_error") < 0.05);
      CHECK(stat(*af, "energy_pj") > stat(*plain, "energy_pj"));
    }
  }
}

TEST_CASE("Multi-tile GEMV + activation writes the partial sums back", "[pim][af]") {
  // cols 2048 = two tiles: the last tile of every output row starts with WR_BIAS, 16 units x
  // 4 B = 2 bursts; the first tile's partial is read out with RD_MAC.
  auto af = test::runPim("gddr6_aim", gemv(512, 2048, "gelu"), "    refresh: off\n");
  auto plain = test::runPim("gddr6_aim", test::gemvKernel(512, 2048), "    refresh: off\n");
  CHECK(stat(*af, "wrgb") == stat(*plain, "wrgb") + 32 * 2);
  CHECK(stat(*af, "rdmac") == 32);
  CHECK(stat(*af, "rdaf") == 32);
  CHECK(stat(*af, "functional_check") == 1);
}

TEST_CASE("INT8 GEMV + activation is checked exactly", "[pim][af]") {
  auto r = test::runPim("gddr6_aim", gemv(512, 1024, "sigmoid", "int8"), "    refresh: off\n");
  CHECK(stat(*r, "functional_check") == 1);
  CHECK(stat(*r, "max_abs_error") == 0);
  CHECK(stat(*r, "checked_values") == 512);
}

TEST_CASE("Activation without an AF unit is an input error", "[pim][af]") {
  for (const char* preset : {"hbm2_pim", "hbm3_logic_die_pim"}) {
    INFO(preset);
    try {
      test::runPim(preset, gemv(256, 256, "gelu"));
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).find("no AF unit") != std::string::npos);
    }
  }
  CHECK_THROWS_AS(test::runPim("gddr6_aim", gemv(256, 256, "softmax")), InputError);
  CHECK_THROWS_AS(test::runPim("hbm2_pim", "kernel: aim_trace\ntrace: k.trace\n", "",
                               {{"k.trace", "AiM AF 1 0x1\n"}}),
                  InputError);
}

TEST_CASE("activation: none keeps the GEMV figures", "[pim][af]") {
  auto plain = test::runPim("gddr6_aim", test::gemvKernel(1024, 2048), "    refresh: off\n");
  auto none = test::runPim("gddr6_aim", gemv(1024, 2048, "none"), "    refresh: off\n");
  CHECK(stat(*none, "pim_cycles") == stat(*plain, "pim_cycles"));
  CHECK(stat(*none, "energy_pj") == stat(*plain, "energy_pj"));
  CHECK(stat(*none, "af") == 0);
}

TEST_CASE("Refresh waits for the RD_AF read-out of an open LUT row", "[pim][af]") {
  // AiM per-bank refresh falls due every tREFIpb = 208 cycles, more often than an AF read-out
  // (tRCD_AF 86 after the LUT-row activate) would otherwise fit between two refreshes; the
  // controller postpones the refresh until RD_AF is out, so every output row needs one AF.
  auto r = test::runPim("gddr6_aim", gemv(2048, 1024, "gelu"), "    refresh: per_bank\n");
  CHECK(stat(*r, "refreshes") > 0);
  CHECK(stat(*r, "af") == 32 * 4);
  CHECK(stat(*r, "rdaf") == 32 * 4);
  CHECK(stat(*r, "functional_check") == 1);
}
