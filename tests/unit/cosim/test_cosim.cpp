// Co-simulation of the systolic-array model (physical timing) against its Verilated RTL.
#include <catch2/catch.hpp>

#include <Vsystolic_array_traced.h>
#include <fmt/format.h>

#include <filesystem>

#include "../memory/RunConfig.h"
#include "models/systolic/CosimStream.h"
#include "rtl/systolic/SystolicCosim.h"

using namespace xpusim;
using namespace xpusim::rtl;
using systolic::Dataflow;
namespace fs = std::filesystem;

namespace {

SystolicCosimCase makeCase(std::uint64_t rows, std::uint64_t cols, Dataflow d,
                           systolic::GemmShape g, std::uint64_t seed) {
  SystolicCosimCase c;
  c.rows = rows;
  c.cols = cols;
  c.dataflow = d;
  c.gemm = g;
  c.seed = seed;
  return c;
}

void requireExact(const SystolicCosimCase& c, Cycle expectCycles) {
  const SystolicCosimResult r = runSystolicCosim(c);
  INFO(reproduceCommand(c, 0));
  INFO(r.check.diff);
  REQUIRE(r.check.match);
  REQUIRE(r.valueMismatches == 0);
  REQUIRE(r.modelCycles == expectCycles);
  REQUIRE(r.rtlCycles == expectCycles);
}

}  // namespace

TEST_CASE("cosim: 4x4 array on the 4x4x4 GEMM matches the 3N-2 and 4N-2 laws") {
  // os: T + R + C - 2 = 4 + 4 + 4 - 2 = 10 (3N - 2); ws/is: 2R + C + T - 2 = 14 (4N - 2).
  requireExact(makeCase(4, 4, Dataflow::kOutputStationary, {4, 4, 4}, 1), 10);
  requireExact(makeCase(4, 4, Dataflow::kWeightStationary, {4, 4, 4}, 2), 14);
  requireExact(makeCase(4, 4, Dataflow::kInputStationary, {4, 4, 4}, 3), 14);
}

TEST_CASE("cosim: 1x1 and 16x16 arrays, ragged folds") {
  // 1x1 os, 3x2x5: 3 x 2 folds of T + 1 + 1 - 2 = 5 cycles = 30.
  requireExact(makeCase(1, 1, Dataflow::kOutputStationary, {3, 2, 5}, 4), 30);
  // 1x1 ws, 3x2x5: sr = K = 5, sc = N = 2 -> 10 folds of 2 + 1 + 3 - 2 = 4 cycles = 40.
  requireExact(makeCase(1, 1, Dataflow::kWeightStationary, {3, 2, 5}, 5), 40);
  // 16x16 os, 17x33x9: 2 x 3 folds of 9 + 16 + 16 - 2 = 39 cycles = 234.
  requireExact(makeCase(16, 16, Dataflow::kOutputStationary, {17, 33, 9}, 6), 234);
  // 16x16 is, 20x5x18: sr = K = 18, sc = M = 20, T = N = 5 -> 2 x 2 folds of 32 + 16 + 5 - 2
  // = 51 cycles = 204.
  requireExact(makeCase(16, 16, Dataflow::kInputStationary, {20, 5, 18}, 7), 204);
}

TEST_CASE("cosim: 216 randomised cases over sizes 1x1 to 16x16, all dataflows, exact") {
  // Sizes cover 1 and 16 on each side and non-square shapes; GEMM sides are drawn so that
  // most folds are ragged. Each case must give identical streams and the law's cycle count.
  Random pick(2024, "cosim.cases");
  const Dataflow flows[] = {Dataflow::kOutputStationary, Dataflow::kWeightStationary,
                            Dataflow::kInputStationary};
  int cases = 0;
  for (int n = 0; n < 72; ++n) {
    const std::uint64_t rows = n < 2 ? 1 + 15 * n : 1 + pick.next() % 16;
    const std::uint64_t cols = n < 2 ? 16 - 15 * n : 1 + pick.next() % 16;
    for (Dataflow d : flows) {
      const systolic::GemmShape g{1 + pick.next() % 37, 1 + pick.next() % 37, 1 + pick.next() % 37};
      const SystolicCosimCase c = makeCase(rows, cols, d, g, pick.next());
      const systolic::FoldGrid grid = systolic::FoldGrid::map(d, g, rows, cols);
      requireExact(c, systolic::modelCycles(grid));
      ++cases;
    }
  }
  REQUIRE(cases == 216);
}

TEST_CASE("cosim: a model delayed by one cycle is caught at the first differing record") {
  SystolicCosimCase c = makeCase(4, 4, Dataflow::kOutputStationary, {4, 4, 4}, 1);
  c.modelDelayFrom = 5;
  const SystolicCosimResult r = runSystolicCosim(c);
  REQUIRE_FALSE(r.check.match);
  // Stream order: cycles 0-3 carry 4 row + 4 column records each (32), results PE(0,0) at
  // cycle 3 (T - 1 + 0 + 0) and PE(1,0), PE(0,1) at cycle 4: records 0..34. Record 35 is
  // PE(2,0)'s result on lane 0 at cycle 5 in the RTL; the delayed model puts it at cycle 6.
  INFO(r.check.diff);
  CHECK(r.check.diff.find("first difference at record 35:") != std::string::npos);
  CHECK(r.check.diff.find("model cycle 6 result[0] =") != std::string::npos);
  CHECK(r.check.diff.find("but rtl cycle 5 result[0] =") != std::string::npos);
  CHECK(r.check.diff.find("xpusim cosim systolic --rows 4 --cols 4 --dataflow os --gemm 4x4x4 "
                          "--seed 1 --vcd cosim.vcd --window 0:25") != std::string::npos);

  // Relaxed mode accepts the same payloads and reports the deltas: every record from cycle 5
  // on (the 16 - 3 = 13 results after PE(0,0), PE(1,0), PE(0,1), and the fold end at cycle
  // 9) is one cycle late.
  c.mode = cosim::CheckMode::kRelaxed;
  const SystolicCosimResult relaxed = runSystolicCosim(c);
  CHECK(relaxed.check.match);
  CHECK(relaxed.check.cycleDeltas == 14);
  CHECK(relaxed.check.maxCycleDelta == 1);
}

TEST_CASE("cosim: the RTL runs as an engine component in a simulation") {
  // ws on 3x5, 7x9x11: sr = K = 11 (4 row folds), sc = N = 9 (2 column folds), T = M = 7:
  // 8 folds of 2 x 3 + 5 + 7 - 2 = 16 cycles = 128.
  auto run = test::runConfig(
      "seed: 3\n"
      "components:\n"
      "  rtl:\n"
      "    type: rtl_systolic_array\n"
      "    rows: 3\n"
      "    cols: 5\n"
      "    dataflow: ws\n"
      "    gemm: 7x9x11\n");
  CHECK(run->stat("system.rtl.cycles") == 128);
  CHECK(run->stat("system.rtl.mismatches") == 0);
  // Partial sums: T x used columns per fold = 7 x (5 + 4) per row fold x 4 row folds = 252.
  CHECK(run->stat("system.rtl.results") == 252);
}

TEST_CASE("cosim: the systolic_array model component reports the RTL's cycles") {
  // The component (physical timing, ideal memory) on the same GEMM gives total_cycles equal to
  // the cycles of the RTL: 5x7 array, 13x17x19 GEMM.
  for (const char* df : {"os", "ws", "is"}) {
    const SystolicCosimCase c = makeCase(5, 7, systolic::dataflowNamed(df), {13, 17, 19}, 9);
    const SystolicCosimResult r = runSystolicCosim(c);
    REQUIRE(r.ok());
    auto run = test::runConfig(fmt::format("components:\n  array:\n    type: systolic_array\n"
                                           "    rows: 5\n    cols: 7\n    dataflow: {}\n"
                                           "    topology: gemm.csv\n",
                                           df),
                               {{"gemm.csv", "Layer, M, N, K,\ng, 13, 17, 19,\n"}});
    INFO(df);
    CHECK(run->stat("system.array.total_cycles") == r.rtlCycles);
  }
}

TEST_CASE("cosim: waveforms of a window in VCD and FST, each from its traced build") {
  const fs::path dir = fs::temp_directory_path() / "xpusim_test_cosim_waves";
  fs::create_directories(dir);
  SystolicCosimCase c = makeCase(3, 5, Dataflow::kWeightStationary, {7, 9, 11}, 2);
  c.wave.from = 10;
  c.wave.to = 40;
  for (const WaveFormat format : {WaveFormat::kVcd, WaveFormat::kFst}) {
    c.wave.format = format;
    c.wave.file = (dir / fmt::format("w.{}", waveFormatName(format))).string();
    fs::remove(c.wave.file);
    INFO(c.wave.file);
    REQUIRE(runSystolicCosim(c).ok());
    CHECK(fs::file_size(c.wave.file) > 0);
  }
  // A traced build writes its own format only.
  WaveWindow fst;
  fst.file = (dir / "wrong.fst").string();
  fst.format = WaveFormat::kFst;
  CHECK_THROWS_AS(RtlHarness<Vsystolic_array_traced>(fst), std::invalid_argument);
  fs::remove_all(dir);
}
