#include "models/memory/dram/DramSpec.h"

#include <fmt/format.h>

#include "sim/config/Units.h"

namespace xpusim {

namespace {

const char* kCycles = "cycles|s";

bool powerOfTwo(std::uint64_t v) {
  return v != 0 && (v & (v - 1)) == 0;
}

/// A timing value in cycles of `tCK`: plain digits are cycles, a value with a time unit is
/// converted exactly (an inexact conversion is an error).
Cycle cyclesOf(ParamReader& p, const std::string& name, Tick tCK) {
  const std::string text = p.text(name);
  try {
    return units::parseUnsigned(text);
  } catch (const units::UnitError&) {
  }
  Tick ps = 0;
  try {
    ps = units::parseTime(text);
  } catch (const units::UnitError&) {
    throw p.error(name, "expected cycles of tCK (\"22\") or a time (\"13.75ns\")");
  }
  if (ps % tCK != 0)
    throw p.error(name, fmt::format("{} is {}.{:03} cycles of tCK = {}: not a whole number; give "
                                    "the rounded cycle count and its source",
                                    units::formatTime(ps), ps / tCK, ps % tCK * 1000 / tCK,
                                    units::formatTime(tCK)));
  return ps / tCK;
}

Cycle optionalCycles(ParamReader& p, const std::string& name, Tick tCK, Cycle otherwise) {
  return p.has(name) ? cyclesOf(p, name, tCK) : otherwise;
}

std::uint32_t count(ParamReader& p, const std::string& name) {
  const std::uint64_t v = p.uint(name);
  if (!powerOfTwo(v) || v > (std::uint64_t{1} << 30))
    throw p.error(name, "must be a power of two (the address mapping slices bits)");
  return static_cast<std::uint32_t>(v);
}

}  // namespace

std::vector<ParamSpec> DramSpec::params() {
  auto t = [](const char* n, const char* d) {
    ParamSpec s = Param::text(n, d);
    s.unit = kCycles;
    return s;
  };
  return {
      Param::uint("channels", "channels", "independent channels, one controller each").def("1"),
      Param::uint("pseudo_channels", "pseudo-channels", "per channel (HBM); 1 otherwise").def("1"),
      Param::uint("ranks", "ranks", "ranks per pseudo-channel (HBM3: stack IDs)").def("1"),
      Param::uint("bank_groups", "bank groups", "bank groups per rank"),
      Param::uint("banks", "banks", "banks per bank group"),
      Param::uint("rows", "rows", "rows per bank"),
      Param::uint("columns", "columns", "device columns (bus-width words) per row"),
      Param::uint("bus_width", "bits", "data bus width of a (pseudo-)channel"),
      Param::uint("burst_length", "transfers", "transfers per column command (BL)"),
      Param::clock("tCK", "command clock period (or frequency)"),
      Param::uint("long_command_cycles", "cycles",
                  "command-bus cycles of ACT, RD and WR (DDR5: 2), others take 1")
          .def("1"),
      Param::flag("dual_command_issue", "one row and one column command per cycle (HBM)")
          .def("false"),
      t("nBL", "data-bus cycles of one burst"),
      t("CL", "read latency: RD to first data"),
      t("CWL", "write latency: WR to first data"),
      t("tRCD", "ACT to RD, same bank"),
      t("tRCDWR", "ACT to WR, same bank (default: tRCD)").optionalValue(),
      t("tRP", "PRE to ACT, same bank"),
      t("tRPab", "PREA (all-bank precharge) to ACT or REF, same rank (default: tRP)")
          .optionalValue(),
      t("tRAS", "ACT to PRE, same bank"),
      t("tRC", "ACT to ACT, same bank"),
      t("tWR", "write recovery: end of write data to PRE"),
      t("tRTP", "RD to PRE, same bank"),
      t("tCCD_S", "column to column, different bank group"),
      t("tCCD_L", "column to column, same bank group"),
      t("tCCD_L_WR", "WR to WR, same bank group (default: tCCD_L)").optionalValue(),
      t("tRRD_S", "ACT to ACT, different bank group"),
      t("tRRD_L", "ACT to ACT, same bank group"),
      t("tFAW", "window in which a rank accepts at most four ACTs"),
      t("tWTR_S", "end of write data to RD, different bank group"),
      t("tWTR_L", "end of write data to RD, same bank group"),
      t("tRTRS", "data-bus bubble at a rank switch and at a read-to-write turnaround"),
      t("tPPD", "PRE to PRE, same rank").def("0"),
      t("tREFI", "all-bank refresh interval"),
      t("tRFC", "all-bank refresh cycle time"),
      t("tREFIpb", "per-bank refresh interval (one bank every tREFIpb)").optionalValue(),
      t("tRFCpb", "per-bank refresh cycle time").optionalValue(),
      t("tRREFD", "REFpb to REFpb or ACT, different bank of the rank").optionalValue(),
      t("tRFCsb", "same-bank refresh (REFsb) cycle time: REFsb to ACT of a refreshed bank")
          .optionalValue(),
      t("tREFSBRD", "REFsb to ACT of a bank it does not refresh (default: 0)").optionalValue(),
      t("tRCD_MAC", "PIM: ACT (all-bank) to MAC, same bank").optionalValue(),
      t("tCCD_MAC", "PIM: MAC to MAC of one unit (column rate or power-capped spacing)")
          .optionalValue(),
      t("tRTP_MAC", "PIM: MAC to PRE, same bank (default: tRTP)").optionalValue(),
      t("tCCD_GB", "PIM: operand-buffer write to write (default: tCCD_L)").optionalValue(),
      t("tMAC_RD", "PIM: last MAC to result read-out (default: tCCD_MAC)").optionalValue(),
      t("tRCD_AF", "PIM: AF (activation-function LUT row activate) to RD_AF; none: no AF")
          .optionalValue(),
      Param::real("energy_act", "pJ", "energy of one ACT (with its PRE's share: see preset)")
          .def("0"),
      Param::real("energy_pre", "pJ", "energy of one PRE").def("0"),
      Param::real("energy_rd", "pJ", "energy of one RD burst").def("0"),
      Param::real("energy_wr", "pJ", "energy of one WR burst").def("0"),
      Param::real("energy_ref", "pJ", "energy of one all-bank REF").def("0"),
      Param::real("energy_refpb", "pJ", "energy of one per-bank REF").def("0"),
      Param::real("energy_refsb", "pJ", "energy of one same-bank REF (REFsb)").def("0"),
      Param::real("background_power", "mW", "standby power of one rank").def("0"),
  };
}

DramSpec DramSpec::read(ParamReader& p) {
  DramSpec s;
  DramOrganisation& o = s.org;
  o.channels = count(p, "channels");
  o.pseudoChannels = count(p, "pseudo_channels");
  o.ranks = count(p, "ranks");
  o.bankGroups = count(p, "bank_groups");
  o.banks = count(p, "banks");
  o.rows = count(p, "rows");
  o.columns = count(p, "columns");
  o.busBits = static_cast<std::uint32_t>(p.uint("bus_width"));
  if (o.busBits == 0 || o.busBits % 8 != 0 || o.busBits > 1024)
    throw p.error("bus_width", "must be a multiple of 8 bits, at most 1024");
  o.burstLength = count(p, "burst_length");
  if (o.columns < o.burstLength)
    throw p.error("columns", "must be at least burst_length (one burst per row)");
  if (!powerOfTwo(o.burstBytes()))
    throw p.error("bus_width", "bus_width / 8 x burst_length must be a power of two bytes");
  s.dualCommandIssue = p.flag("dual_command_issue");
  const std::uint64_t longCommand = p.uint("long_command_cycles");
  if (longCommand == 0 || longCommand > 4) throw p.error("long_command_cycles", "must be 1..4");

  DramTiming& t = s.timing;
  t.tCK = p.clock("tCK");
  t.longCommandCycles = longCommand;
  auto c = [&](const char* name) { return cyclesOf(p, name, t.tCK); };
  t.nBL = c("nBL");
  if (t.nBL == 0) throw p.error("nBL", "must be at least 1 cycle");
  t.CL = c("CL");
  t.CWL = c("CWL");
  t.tRCD = c("tRCD");
  t.tRCDWR = optionalCycles(p, "tRCDWR", t.tCK, t.tRCD);
  t.tRP = c("tRP");
  t.tRPab = optionalCycles(p, "tRPab", t.tCK, t.tRP);
  if (t.tRPab < t.tRP) throw p.error("tRPab", "must be at least tRP");
  t.tRAS = c("tRAS");
  t.tRC = c("tRC");
  t.tWR = c("tWR");
  t.tRTP = c("tRTP");
  t.tCCD_S = c("tCCD_S");
  t.tCCD_L = c("tCCD_L");
  t.tCCD_L_WR = optionalCycles(p, "tCCD_L_WR", t.tCK, t.tCCD_L);
  t.tRRD_S = c("tRRD_S");
  t.tRRD_L = c("tRRD_L");
  t.tFAW = c("tFAW");
  t.tWTR_S = c("tWTR_S");
  t.tWTR_L = c("tWTR_L");
  t.tRTRS = c("tRTRS");
  t.tPPD = c("tPPD");
  t.tREFI = c("tREFI");
  t.tRFC = c("tRFC");
  t.tREFIpb = optionalCycles(p, "tREFIpb", t.tCK, 0);
  t.tRFCpb = optionalCycles(p, "tRFCpb", t.tCK, 0);
  t.tRREFD = optionalCycles(p, "tRREFD", t.tCK, 0);
  t.tRFCsb = optionalCycles(p, "tRFCsb", t.tCK, 0);
  t.tREFSBRD = optionalCycles(p, "tREFSBRD", t.tCK, 0);
  t.tRCDMAC = optionalCycles(p, "tRCD_MAC", t.tCK, 0);
  t.tCCDMAC = optionalCycles(p, "tCCD_MAC", t.tCK, 0);
  t.tRTPMAC = optionalCycles(p, "tRTP_MAC", t.tCK, t.tRTP);
  t.tCCDGB = optionalCycles(p, "tCCD_GB", t.tCK, t.tCCD_L);
  t.tMACRD = optionalCycles(p, "tMAC_RD", t.tCK, t.tCCDMAC);
  t.tRCDAF = optionalCycles(p, "tRCD_AF", t.tCK, 0);
  if (t.tRCDAF > 0 && t.tRCDMAC == 0)
    throw p.error("tRCD_AF", "an activation function needs the PIM timing (tRCD_MAC, tCCD_MAC)");
  if ((t.tRCDMAC == 0) != (t.tCCDMAC == 0))
    throw p.error("tCCD_MAC", "a PIM device needs both tRCD_MAC and tCCD_MAC (at least 1 cycle)");
  if (t.tREFI == 0) throw p.error("tREFI", "must be at least 1 cycle");
  if (t.tRFC >= t.tREFI) throw p.error("tRFC", "must be shorter than tREFI");
  if (t.CL == 0 || t.tRCD == 0 || t.tRP == 0 || t.tRC == 0)
    throw p.error("tRC", "CL, tRCD, tRP and tRC must be at least 1 cycle");

  DramEnergy& e = s.energy;
  auto pj = [&](const char* name) {
    const double v = p.real(name);
    if (!(v >= 0)) throw p.error(name, "must be a non-negative energy");
    return v;
  };
  e.act = pj("energy_act");
  e.pre = pj("energy_pre");
  e.rd = pj("energy_rd");
  e.wr = pj("energy_wr");
  e.ref = pj("energy_ref");
  e.refpb = pj("energy_refpb");
  e.refsb = pj("energy_refsb");
  e.backgroundMw = pj("background_power");
  return s;
}

double DramSpec::peakBytesPerSecond() const {
  const double perPch =
      static_cast<double>(org.burstBytes()) * 1e12 / static_cast<double>(timing.nBL * timing.tCK);
  return perPch * org.channels * org.pseudoChannels;
}

}  // namespace xpusim
