#pragma once
#include <cstdint>
#include <vector>

#include "models/systolic/FunctionalGemm.h"
#include "rtl/cosim/RtlComponent.h"

class Vsystolic_array;

namespace xpusim::rtl {

template <class V>
class SystolicRtlDriver;

/// The Verilated systolic-array RTL (rtl/systolic/systolic_array.sv) as an engine component:
/// on its clock it runs one GEMM of seeded int8 operands (the run's random stream for this
/// component), one RTL cycle per clock edge, staying active until the last result is written,
/// then checks Out against the plain GEMM. Lets RTL sit beside models in one simulation.
class RtlSystolicArray : public RtlComponent<SystolicRtlDriver<Vsystolic_array>> {
 public:
  static ComponentInfo describe();
  explicit RtlSystolicArray(BuildContext& ctx);
  ~RtlSystolicArray() override;

  void start() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;

 private:
  systolic::FoldGrid grid_;
  systolic::GemmOperands ops_;
  std::uint64_t results_ = 0, mismatches_ = 0;
};

}  // namespace xpusim::rtl
