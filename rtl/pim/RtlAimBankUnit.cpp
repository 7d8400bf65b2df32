#include "rtl/pim/RtlAimBankUnit.h"

#include <Vaim_bank_unit.h>
#include <fmt/format.h>

#include "models/pim/BankUnitProgram.h"
#include "rtl/cosim/ResultCheck.h"
#include "rtl/pim/PimCosim.h"
#include "rtl/pim/PimRtlDriver.h"
#include "sim/core/Simulation.h"

namespace xpusim::rtl {

ComponentInfo RtlAimBankUnit::describe() {
  ComponentInfo info;
  info.type = "rtl_aim_bank_unit";
  info.summary =
      "Verilated GDDR6-AiM bank-unit RTL (INT8 MAC lanes, global buffer, command timing) running "
      "one random legal command sequence, one RTL cycle per clock edge";
  info.params = {
      Param::path("preset",
                  "PIM preset with a pim_device component whose device fits the RTL "
                  "(e.g. configs/pim/gddr6_aim.yaml)"),
      Param::clock("clock", "command clock; one RTL cycle per edge (default: the preset's tCK)")
          .optionalValue(),
      Param::uint("ops", "commands", "commands in the random sequence, >= 1").def("200"),
  };
  info.stats = {
      {"cycles", "cycles", "cycles of the sequence (the last record's cycle + 1)"},
      {"commands", "commands", "commands the unit accepted"},
      {"results", "values", "RD_MAC results and COPY_GBBK elements the unit returned"},
      {"mismatches", "values", "returned values differing from the model's"},
  };
  return info;
}

RtlAimBankUnit::RtlAimBankUnit(BuildContext& ctx) : RtlComponent(ctx) {
  device_ = BankUnitDevice::load(params().path("preset"));
  if (const std::string why = rtlMismatch(device_); !why.empty())
    throw params().error("preset", why);
  useClock(params().has("clock") ? params().clock("clock") : device_.dram.timing.tCK);
  ops_ = params().uint("ops");
  if (ops_ < 1) throw params().error("ops", "the sequence needs at least 1 command");
  stat("commands", accepted_);
  stat("results", results_);
  stat("mismatches", mismatches_);
}

RtlAimBankUnit::~RtlAimBankUnit() = default;

void RtlAimBankUnit::start() {
  Random random = sim().random(*this);
  commands_ = randomBankUnitProgram(device_.dram.org, ops_, random);
  run(std::make_unique<PimRtlDriver<Vaim_bank_unit>>(device_.int8Timing(), commands_));
}

void RtlAimBankUnit::finish(bool drained) {
  if (!driver()) return;
  const auto& d = *driver();
  checkRan(drained, !d.hung() && !d.protocolError(),
           d.protocolError() ? "it flagged an illegal command"
                             : "it stopped accepting commands or returning results");
  const cosim::Stream model = bankUnitStream(device_, commands_, device_.int8Timing());
  accepted_ = countRecords(d.stream(), {kBankUnitCommandPort});
  results_ = countRecords(d.stream(), {kBankUnitMacPort, kBankUnitGbOutPort});
  mismatches_ = resultMismatches(model, d.stream(), {kBankUnitMacPort, kBankUnitGbOutPort});
}

void RtlAimBankUnit::summarize(SummaryLines& lines) const {
  lines.emplace_back(path(), fmt::format("{} RTL cycles, {} commands, {} results, {} mismatches",
                                         cycles_, accepted_, results_, mismatches_));
}

XPUSIM_REGISTER_COMPONENT(RtlAimBankUnit)

}  // namespace xpusim::rtl
