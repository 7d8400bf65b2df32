#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "models/systolic/FunctionalGemm.h"
#include "sim/core/Clock.h"
#include "sim/core/Component.h"

class Vsystolic_array;

namespace xpusim::rtl {

template <class V>
class SystolicRtlDriver;

/// The Verilated systolic-array RTL (rtl/systolic/systolic_array.sv) as an engine component:
/// on its clock it runs one GEMM of seeded int8 operands (the run's random stream for this
/// component), one RTL cycle per clock edge, staying active until the last result is written,
/// then checks Out against the plain GEMM. Lets RTL sit beside models in one simulation.
class RtlSystolicArray : public Component, public Clocked {
 public:
  static ComponentInfo describe();
  explicit RtlSystolicArray(BuildContext& ctx);
  ~RtlSystolicArray() override;

  void start() override;
  bool tick() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;

 private:
  systolic::FoldGrid grid_;
  systolic::GemmOperands ops_;
  ClockHandle clock_;
  std::unique_ptr<SystolicRtlDriver<Vsystolic_array>> driver_;
  std::uint64_t cycles_ = 0, results_ = 0, mismatches_ = 0;
};

}  // namespace xpusim::rtl
