#include "rtl/pim/PimCosim.h"

#include <Vaim_bank_unit.h>
#include <Vaim_bank_unit_traced.h>
#include <fmt/format.h>

#include "models/pim/BankUnitProgram.h"
#include "rtl/pim/PimRtlDriver.h"

namespace xpusim::rtl {

namespace {

// The RTL's synthesis parameters (aim_bank_unit.sv defaults).
constexpr std::uint32_t kRtlLanes = 16, kRtlColumnBytes = 32, kRtlColumns = 64;
constexpr std::uint32_t kRtlRows = 1u << 14, kRtlMaxTiming = 255, kRtlResultDepth = 32;

template <class V>
PimCosimResult run(const PimCosimCase& c, const BankUnitDevice& device,
                   const std::vector<BankUnitCommand>& commands) {
  PimCosimResult res;
  Stopwatch watch;
  DramTiming modelTiming = device.int8Timing();
  if (c.modelLonger) ++(modelTiming.*c.modelLonger);
  const cosim::Stream model = bankUnitStream(device, commands, modelTiming);
  res.modelCycles = streamCycles(model);
  res.modelSeconds = watch.seconds();

  watch = Stopwatch();
  PimRtlDriver<V> rtl(device.int8Timing(), commands, c.wave);
  while (rtl.step()) {
  }
  res.rtlCycles = rtl.cycles();
  res.rtlSeconds = watch.seconds();
  res.protocolError = rtl.protocolError();
  res.hung = rtl.hung();

  res.check = cosim::compareStreams(model, rtl.stream(), cosim::CheckMode::kExact,
                                    [&](Cycle at) { return reproduceCommand(c, at); });
  return res;
}

}  // namespace

std::string rtlMismatch(const BankUnitDevice& d) {
  const DramOrganisation& o = d.dram.org;
  const DramTiming t = d.int8Timing();
  if (d.unit.lanes != kRtlLanes || o.burstBytes() != kRtlColumnBytes)
    return fmt::format("the RTL has {} lanes over a {}-byte column; the preset has {} over {}",
                       kRtlLanes, kRtlColumnBytes, d.unit.lanes, o.burstBytes());
  if (d.unit.operandBufferBytes != kRtlColumns * kRtlColumnBytes)
    return fmt::format("the RTL's global buffer holds {} bytes; the preset's {}",
                       kRtlColumns * kRtlColumnBytes, d.unit.operandBufferBytes);
  if (o.burstsPerRow() > kRtlColumns || o.rows > kRtlRows)
    return fmt::format("the RTL addresses {} columns and {} rows; the preset has {} and {}",
                       kRtlColumns, kRtlRows, o.burstsPerRow(), o.rows);
  for (Cycle v : {t.tRC,    t.tRAS,   t.tRP,       t.tRCD, t.tRCDWR,  t.tRCDMAC, t.tCCDMAC,
                  t.tCCD_S, t.tCCD_L, t.tCCD_L_WR, t.tRTP, t.tRTPMAC, t.tCCDGB,  t.tMACRD,
                  t.CL,     t.CWL,    t.nBL,       t.tWR,  t.tWTR_S,  t.tWTR_L,  t.tRTRS})
    if (v > kRtlMaxTiming)
      return fmt::format("a timing parameter of {} cycles exceeds the RTL's {}", v, kRtlMaxTiming);
  if (t.nBL == 0 || (t.CL + t.nBL + t.nBL - 1) / t.nBL > kRtlResultDepth)
    return fmt::format("(CL + nBL) / nBL RD_MAC results in flight exceed the RTL's {}",
                       kRtlResultDepth);
  return {};
}

std::string reproduceCommand(const PimCosimCase& c, Cycle cycle) {
  const Cycle from = cycle > 20 ? cycle - 20 : 0;
  return fmt::format(
      "xpusim cosim pim --config {} --ops {} --seed {} --vcd cosim.vcd --window {}:{}",
      c.preset.string(), c.ops, c.seed, from, cycle + 20);
}

PimCosimResult runPimCosim(const PimCosimCase& c, const BankUnitDevice& device) {
  Random random(c.seed, "cosim.pim");
  return runPimCosim(c, device, randomBankUnitProgram(device.dram.org, c.ops, random));
}

PimCosimResult runPimCosim(const PimCosimCase& c, const BankUnitDevice& device,
                           const std::vector<BankUnitCommand>& commands) {
  if (c.wave.file.empty()) return run<Vaim_bank_unit>(c, device, commands);
  return run<Vaim_bank_unit_traced>(c, device, commands);
}

}  // namespace xpusim::rtl
