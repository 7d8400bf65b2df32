#include "rtl/systolic/SystolicCosim.h"

#include <Vsystolic_array.h>
#include <Vsystolic_array_fst.h>
#include <Vsystolic_array_traced.h>
#include <fmt/format.h>

#include "models/systolic/CosimStream.h"
#include "models/systolic/FunctionalGemm.h"

namespace xpusim::rtl {

namespace {

template <class V>
SystolicCosimResult run(const SystolicCosimCase& c, const systolic::FoldGrid& grid,
                        const systolic::GemmOperands& ops) {
  SystolicCosimResult res;
  Stopwatch watch;
  const cosim::Stream model = systolic::modelStream(grid, ops, c.modelDelayFrom);
  res.modelCycles = streamCycles(model);
  res.modelSeconds = watch.seconds();

  watch = Stopwatch();
  SystolicRtlDriver<V> rtl(grid, ops, c.wave);
  while (rtl.step()) {
  }
  res.rtlCycles = rtl.cycles();
  res.hung = rtl.hung();
  res.rtlSeconds = watch.seconds();

  res.check = cosim::compareStreams(model, rtl.stream(), c.mode,
                                    [&](Cycle at) { return reproduceCommand(c, at); });
  const auto expect = systolic::FunctionalGemm::reference(ops);
  for (std::size_t i = 0; i < expect.size(); ++i) res.valueMismatches += expect[i] != rtl.out()[i];
  return res;
}

}  // namespace

std::string reproduceCommand(const SystolicCosimCase& c, Cycle cycle) {
  const Cycle from = cycle > 20 ? cycle - 20 : 0;
  return fmt::format(
      "xpusim cosim systolic --rows {} --cols {} --dataflow {} --gemm {}x{}x{} --seed {}{} "
      "--vcd cosim.vcd --window {}:{}",
      c.rows, c.cols, systolic::dataflowName(c.dataflow), c.gemm.m, c.gemm.n, c.gemm.k, c.seed,
      c.mode == cosim::CheckMode::kRelaxed ? " --relaxed" : "", from, cycle + 20);
}

SystolicCosimResult runSystolicCosim(const SystolicCosimCase& c) {
  const systolic::FoldGrid grid = systolic::FoldGrid::map(c.dataflow, c.gemm, c.rows, c.cols);
  Random random(c.seed, "cosim.systolic");
  const systolic::GemmOperands ops = systolic::GemmOperands::random(c.gemm, random);
  if (c.wave.file.empty()) return run<Vsystolic_array>(c, grid, ops);
  if (c.wave.format == WaveFormat::kFst) return run<Vsystolic_array_fst>(c, grid, ops);
  return run<Vsystolic_array_traced>(c, grid, ops);
}

}  // namespace xpusim::rtl
