#include "rtl/systolic/RtlSystolicArray.h"

#include <Vsystolic_array.h>
#include <fmt/format.h>

#include "rtl/cosim/ResultCheck.h"
#include "rtl/systolic/GemmShapeText.h"
#include "rtl/systolic/SystolicRtlDriver.h"
#include "sim/core/Simulation.h"

namespace xpusim::rtl {

ComponentInfo RtlSystolicArray::describe() {
  ComponentInfo info;
  info.type = "rtl_systolic_array";
  info.summary =
      "Verilated systolic-array RTL (int8 x int8 -> int32, os/ws/is) running one seeded GEMM, "
      "one RTL cycle per clock edge";
  info.params = {
      Param::clock("clock", "array clock; one RTL cycle per edge").def("1GHz"),
      Param::uint("rows", "PEs", "R, PE rows (1 to 16)").def("16"),
      Param::uint("cols", "PEs", "C, PE columns (1 to 16)").def("16"),
      Param::choice("dataflow", {"os", "ws", "is"}, "output-, weight- or input-stationary")
          .def("os"),
      Param::text("gemm", "the GEMM run: MxNxK (Out[M x N] = In[M x K] * W[K x N])")
          .def("16x16x16"),
  };
  info.stats = {
      {"cycles", "cycles", "cycles of the GEMM (the last fold's end + 1)"},
      {"results", "values", "result lanes written (ws/is: partial sums)"},
      {"mismatches", "values", "output values differing from the plain GEMM"},
  };
  return info;
}

RtlSystolicArray::RtlSystolicArray(BuildContext& ctx) : RtlComponent(ctx) {
  useClock(params().clock("clock"));
  const std::uint64_t rows = params().uint("rows"), cols = params().uint("cols");
  if (rows < 1 || rows > kMaxRtlDim) throw params().error("rows", "the RTL array has 1 to 16 rows");
  if (cols < 1 || cols > kMaxRtlDim)
    throw params().error("cols", "the RTL array has 1 to 16 columns");
  const auto shape = parseGemmShape(params().text("gemm"));
  if (!shape) throw params().error("gemm", "expected MxNxK with M, N, K >= 1, e.g. 64x32x48");
  grid_ = systolic::FoldGrid::map(systolic::dataflowNamed(params().choice("dataflow")), *shape,
                                  rows, cols);
  ops_.shape = *shape;
  stat("results", results_);
  stat("mismatches", mismatches_);
}

RtlSystolicArray::~RtlSystolicArray() = default;

void RtlSystolicArray::start() {
  Random random = sim().random(*this);
  ops_ = systolic::GemmOperands::random(ops_.shape, random);
  run(std::make_unique<SystolicRtlDriver<Vsystolic_array>>(grid_, ops_));
}

void RtlSystolicArray::finish(bool drained) {
  if (!driver()) return;
  checkRan(drained, driver()->done() && !driver()->hung(), "results missing");
  results_ = countRecords(driver()->stream(), {systolic::kResultPort});
  const auto expect = systolic::FunctionalGemm::reference(ops_);
  for (std::size_t i = 0; i < expect.size(); ++i) mismatches_ += expect[i] != driver()->out()[i];
}

void RtlSystolicArray::summarize(SummaryLines& lines) const {
  lines.emplace_back(path(), fmt::format("{} RTL cycles, {} mismatches", cycles_, mismatches_));
}

XPUSIM_REGISTER_COMPONENT(RtlSystolicArray)

}  // namespace xpusim::rtl
