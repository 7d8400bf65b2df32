#include "models/pim/PimUnitSpec.h"

#include <algorithm>

namespace xpusim {

std::vector<ParamSpec> PimUnitSpec::params() {
  return {
      Param::choice("unit_scope", {"bank_pair", "bank", "bank_group"},
                    "placement: one unit per two banks (HBM-PIM), per bank (AiM) or per bank "
                    "group on the buffer die (AttAcc/Duplex style)"),
      Param::uint("lanes", "lanes", "multiply-accumulate lanes per unit"),
      Param::clock("unit_clock", "clock of the processing units (apart from tCK)"),
      Param::choice("accumulate", {"fp16", "fp32"},
                    "precision of the lane accumulators for FP16 kernels (INT8: int32)"),
      Param::bytes("operand_buffer", "vector operand buffer per unit (GRF_A / global buffer)"),
      Param::uint("accumulators", "rows", "output rows a unit accumulates before read-out"),
      Param::bytes("result_bytes",
                   "bytes read out per accumulated output row (16 FP16 lane "
                   "partials = 32 B; a reduced FP16 value = 2 B)"),
      Param::choice("loop_order", {"rows_outer", "tiles_outer"},
                    "rows_outer: reload the vector per row block, read results once (HBM-PIM); "
                    "tiles_outer: load each vector tile once, read partial sums per tile (AiM)"),
      Param::uint("mode_change_writes", "writes",
                  "reserved-row writes per kernel and rank (HBM-PIM SB/AB/AB-PIM changes)")
          .def("0"),
      Param::uint("program_writes", "writes", "instruction-register writes per kernel and rank")
          .def("0"),
      Param::uint("channels_per_device", "channels", "channels per chip or stack (peaks)"),
      Param::real("energy_mac", "pJ", "one unit consuming one column: array read + MAC"),
      Param::real("energy_gb_write", "pJ", "one operand-buffer write burst"),
      Param::real("energy_af", "pJ",
                  "one unit's activation-function look-up and interpolation (AF; the LUT row "
                  "activation is counted as an ACT per bank); 0 for devices without AF")
          .def("0"),
      Param::flag("functional", "compute real values and check them against a reference")
          .def("true"),
  };
}

PimUnitSpec PimUnitSpec::read(ParamReader& p, const DramSpec& dram) {
  if (!dram.timing.hasPim())
    throw p.error("tRCD_MAC", "a PIM device needs the PIM timing (tRCD_MAC, tCCD_MAC)");
  PimUnitSpec u;
  const std::string scope = p.choice("unit_scope");
  const DramOrganisation& o = dram.org;
  if (scope == "bank_pair") {
    u.scope = Scope::kBankPair;
    if (o.banksPerRank() < 2) throw p.error("unit_scope", "bank_pair needs at least 2 banks");
    u.unitsPerRank = o.banksPerRank() / 2;
  } else if (scope == "bank") {
    u.scope = Scope::kBank;
    u.unitsPerRank = o.banksPerRank();
  } else {
    u.scope = Scope::kBankGroup;
    u.unitsPerRank = o.bankGroups;
  }
  auto positive = [&](const char* name, std::uint64_t v, std::uint64_t max) {
    if (v == 0 || v > max) throw p.error(name, "must be 1.." + std::to_string(max));
    return static_cast<std::uint32_t>(v);
  };
  u.lanes = positive("lanes", p.uint("lanes"), 1024);
  u.unitPeriod = p.clock("unit_clock");
  u.accumulate = p.choice("accumulate") == "fp32" ? Accumulate::kFp32 : Accumulate::kFp16;
  const std::uint32_t burst = o.burstBytes();
  u.operandBufferBytes = positive("operand_buffer", p.bytes("operand_buffer"), 1u << 20);
  if (u.operandBufferBytes % burst != 0)
    throw p.error("operand_buffer",
                  "must be a whole number of bursts (" + std::to_string(burst) + " B)");
  u.accumulators = positive("accumulators", p.uint("accumulators"), 1u << 16);
  u.resultBytes = positive("result_bytes", p.bytes("result_bytes"), burst);
  u.loopOrder =
      p.choice("loop_order") == "tiles_outer" ? LoopOrder::kTilesOuter : LoopOrder::kRowsOuter;
  u.modeChangeWrites = static_cast<std::uint32_t>(p.uint("mode_change_writes"));
  u.programWrites = static_cast<std::uint32_t>(p.uint("program_writes"));
  u.channelsPerDevice = positive("channels_per_device", p.uint("channels_per_device"), o.channels);
  if (o.channels % u.channelsPerDevice != 0)
    throw p.error("channels_per_device", "must divide channels");
  u.energyMacPj = p.real("energy_mac");
  u.energyGbWritePj = p.real("energy_gb_write");
  if (!(u.energyMacPj >= 0)) throw p.error("energy_mac", "must be a non-negative energy");
  if (!(u.energyGbWritePj >= 0)) throw p.error("energy_gb_write", "must be a non-negative energy");
  u.energyAfPj = p.real("energy_af");
  if (!(u.energyAfPj >= 0)) throw p.error("energy_af", "must be a non-negative energy");
  u.checkFunctional = p.flag("functional");
  return u;
}

Cycle PimUnitSpec::macSpacing(const DramSpec& dram, std::uint32_t elementBytes) const {
  const std::uint32_t elements = dram.org.burstBytes() / elementBytes;
  const Tick busy = Tick{(elements + lanes - 1) / lanes} * unitPeriod;
  const Cycle unitCycles = (busy + dram.timing.tCK - 1) / dram.timing.tCK;
  return std::max(dram.timing.tCCDMAC, unitCycles);
}

double PimUnitSpec::peakFlopsPerDevice(const DramSpec& dram) const {
  const double unitsPerDevice =
      static_cast<double>(units(dram)) * channelsPerDevice / dram.org.channels;
  return unitsPerDevice * lanes * 2.0 * 1e12 / static_cast<double>(unitPeriod);
}

double PimUnitSpec::internalBytesPerSecondPerDevice(const DramSpec& dram) const {
  const double unitsPerDevice =
      static_cast<double>(units(dram)) * channelsPerDevice / dram.org.channels;
  return unitsPerDevice * dram.org.burstBytes() * 1e12 /
         static_cast<double>(dram.timing.tCCDMAC * dram.timing.tCK);
}

}  // namespace xpusim
