#pragma once
#include <cstdint>
#include <vector>

#include "models/pim/BankUnitCommand.h"
#include "models/pim/BankUnitStream.h"
#include "rtl/cosim/RtlComponent.h"

class Vaim_bank_unit;

namespace xpusim::rtl {

template <class V>
class PimRtlDriver;

/// The Verilated GDDR6-AiM bank unit (rtl/pim/aim_bank_unit.sv) as an engine component: on the
/// preset's command clock it runs one random legal command sequence (randomBankUnitProgram on
/// the run's random stream for this component), one RTL cycle per clock edge, then checks every
/// RD_MAC result and COPY_GBBK element against the model's (bankUnitStream: DramTimingCore and
/// the INT8 arithmetic). Commands are issued at the earliest cycle the timing allows.
class RtlAimBankUnit : public RtlComponent<PimRtlDriver<Vaim_bank_unit>> {
 public:
  static ComponentInfo describe();
  explicit RtlAimBankUnit(BuildContext& ctx);
  ~RtlAimBankUnit() override;

  void start() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;

 private:
  BankUnitDevice device_;
  std::uint64_t ops_ = 0;
  std::vector<BankUnitCommand> commands_;
  std::uint64_t accepted_ = 0, results_ = 0, mismatches_ = 0;
};

}  // namespace xpusim::rtl
