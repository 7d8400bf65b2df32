#include "models/pim/PimDevice.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "models/pim/PimFunctional.h"
#include "sim/core/Simulation.h"

namespace xpusim {

ComponentInfo PimDevice::describe() {
  ComponentInfo info;
  info.type = "pim_device";
  info.summary =
      "processing-in-memory DRAM (HBM-PIM / AiM / logic-die units) running a kernel at "
      "DRAM-command level, with the host-over-DRAM reference and a functional check";
  info.params = DramSpec::params();
  const std::vector<ParamSpec> unit = PimUnitSpec::params();
  info.params.insert(info.params.end(), unit.begin(), unit.end());
  info.params.push_back(Param::choice("layout", {"row_blocked", "row_interleaved"},
                                      "GEMV output rows over the units: consecutive blocks per "
                                      "unit, or row i on unit i mod units")
                            .def("row_blocked"));
  info.params.push_back(Param::choice("refresh", {"all_bank", "per_bank", "off"},
                                      "refresh mode of the controllers (off: closed-form checks)")
                            .def("all_bank"));
  info.stats = {
      {"pim_cycles", "cycles", "the kernel on the PIM units, DRAM clock cycles (last completion)"},
      {"host_cycles", "cycles", "the same kernel by a host reading and writing the same DRAM"},
      {"speedup", "", "host_cycles / pim_cycles"},
      {"macs", "MACs", "multiply-accumulates of the kernel's data"},
      {"flops_per_s", "FLOP/s", "kernel operations (MAC = 2) over the PIM run time"},
      {"energy_pj", "pJ", "PIM run: DRAM commands + unit MACs + buffer writes + background"},
      {"host_energy_pj", "pJ", "host run: DRAM commands + background"},
      {"functional_check", "",
       "1 = every output matched its reference within the datapath's rounding bound, 0 = a "
       "mismatch, -1 = not checked (trace input or functional: false)"},
      {"checked_values", "values", "outputs compared with the reference"},
      {"max_abs_error", "", "largest |PIM output - reference|"},
      {"max_error_share", "", "largest error over its allowed bound (<= 1 passes)"},
      {"mac_commands", "commands", "MACab/MACsb (and element-wise column) commands"},
      {"actab", "commands", "all-bank activates"},
      {"wrgb", "commands", "operand-buffer writes"},
      {"rdmac", "commands", "result read-outs"},
      {"refreshes", "commands", "refresh commands during the PIM run"},
      {"row_switches", "commands", "ACT/ACTab/PRE/PREA the controller added for PIM commands"},
      {"peak_flops_per_s", "FLOP/s", "per chip/stack: units x lanes x 2 x unit clock"},
      {"internal_bandwidth_GBps", "GB/s", "per chip/stack: units x burst / tCCD_MAC"},
      {"unit_busy_cycles", "cycles", "per bank unit: cycles spent on useful MACs / ops"},
      {"unit_busy_share_mean", "", "mean over units of busy cycles / pim_cycles"},
      {"unit_busy_share_min", "", "least busy unit"},
      {"unit_busy_share_max", "", "busiest unit"},
  };
  return info;
}

PimDevice::PimDevice(BuildContext& ctx)
    : Component(ctx), dram_(DramSpec::read(params())), unit_(PimUnitSpec::read(params(), dram_)) {
  rowInterleaved_ = params().choice("layout") == "row_interleaved";
  const std::string refresh = params().choice("refresh");
  policy_.refresh = refresh == "per_bank" ? DramPolicy::Refresh::kPerBank
                    : refresh == "off"    ? DramPolicy::Refresh::kOff
                                          : DramPolicy::Refresh::kAllBank;
  if (policy_.refresh == DramPolicy::Refresh::kPerBank &&
      (dram_.timing.tREFIpb == 0 || dram_.timing.tRFCpb == 0))
    throw params().error("refresh", "per_bank refresh needs tREFIpb and tRFCpb in the preset");
  if (!sim().workload())
    throw InputError({path()}, "pim_device needs a kernel: give --workload FILE (or workload:)");
  kernel_ = PimKernel::load(*sim().workload());
  for (const PimTraceOp& op : kernel_.trace) {
    if (op.channelMask >> dram_.org.channels)
      throw InputError(op.where, fmt::format("channel_mask selects channels beyond the {} of "
                                             "the device",
                                             dram_.org.channels));
    if (op.row >= dram_.org.rows)
      throw InputError(op.where,
                       fmt::format("row {} beyond the {} rows of a bank", op.row, dram_.org.rows));
    if (op.bank >= dram_.org.banksPerRank())
      throw InputError(op.where, fmt::format("bank {} beyond the {} banks of a channel", op.bank,
                                             dram_.org.banksPerRank()));
  }
  unitBusy_.assign(unit_.units(dram_), 0);
  peakFlops_ = unit_.peakFlopsPerDevice(dram_);
  internalGBps_ = unit_.internalBytesPerSecondPerDevice(dram_) * 1e-9;
  stat("pim_cycles", pimCycles_);
  stat("host_cycles", hostCycles_);
  stat("speedup", speedup_);
  stat("macs", macs_);
  stat("flops_per_s", flopsPerS_);
  stat("energy_pj", energyPj_);
  stat("host_energy_pj", hostEnergyPj_);
  stat("functional_check", functionalCheck_);
  stat("checked_values", checkedValues_);
  stat("max_abs_error", maxAbsError_);
  stat("max_error_share", maxErrorShare_);
  stat("mac_commands", macCommands_);
  stat("actab", actAb_);
  stat("wrgb", wrGb_);
  stat("rdmac", rdMac_);
  stat("refreshes", refreshes_);
  stat("row_switches", rowSwitches_);
  stat("peak_flops_per_s", peakFlops_);
  stat("internal_bandwidth_GBps", internalGBps_);
  stat("unit_busy_cycles", unitBusy_);
  stat("unit_busy_share_mean", busyMean_);
  stat("unit_busy_share_min", busyMin_);
  stat("unit_busy_share_max", busyMax_);
}

double PimDevice::energy(const PimRunResult& r, Cycle cycles) const {
  const DramEnergy& e = dram_.energy;
  const DramChannelStats& s = r.stats;
  const double ranks = static_cast<double>(dram_.org.channels) * dram_.org.ranksPerChannel();
  // An all-bank activate opens a row in every bank of the rank; a MAC command reads one column
  // per unit; mW x ps = 1e-3 pJ.
  return e.act * (s.act + s.actAb * dram_.org.banksPerRank()) + e.pre * s.pre +
         e.rd * (s.rd + s.rdMac) + e.wr * s.wr + e.ref * (s.ref - s.refpb) + e.refpb * s.refpb +
         unit_.energyMacPj * s.mac * unit_.unitsPerRank + unit_.energyGbWritePj * s.wrGb +
         e.backgroundMw * ranks * static_cast<double>(cycles * dram_.timing.tCK) * 1e-3;
}

void PimDevice::start() {
  PimExecutor pim(dram_, policy_, unit_, rowInterleaved_, sim().timeline());
  PimExecutor host(dram_, policy_, unit_, rowInterleaved_, nullptr);
  PimRunResult p, h;
  if (!kernel_.trace.empty()) {
    p = pim.runTrace(kernel_.trace);
  } else {
    p = pim.runSteps(kernel_.steps);
    h = host.runHost(kernel_.steps);
    for (const PimStep& s : kernel_.steps) {  // per-step figures for the report
      if (kernel_.steps.size() == 1) {
        steps_.push_back({s.name, p.cycles, h.cycles, s.macs()});
        break;
      }
      PimExecutor alone(dram_, policy_, unit_, rowInterleaved_, nullptr);
      steps_.push_back({s.name, alone.runSteps({s}).cycles, alone.runHost({s}).cycles, s.macs()});
    }
  }
  const std::uint64_t repeat = kernel_.repeat;
  pimCycles_ = p.cycles * repeat;
  hostCycles_ = h.cycles * repeat;
  macs_ = p.macs * repeat;
  speedup_ = pimCycles_ > 0 && hostCycles_ > 0 ? static_cast<double>(hostCycles_) / pimCycles_ : 0;
  std::uint64_t flops = 0;
  for (const PimStep& s : kernel_.steps) flops += s.flops();
  if (!kernel_.trace.empty()) flops = 2 * p.macs;
  const double seconds = static_cast<double>(pimCycles_ * dram_.timing.tCK) * 1e-12;
  flopsPerS_ = seconds > 0 ? static_cast<double>(flops * repeat) / seconds : 0;
  energyPj_ = energy(p, p.cycles) * repeat;
  hostEnergyPj_ = energy(h, h.cycles) * repeat;
  macCommands_ = p.stats.mac * repeat, actAb_ = p.stats.actAb * repeat;
  wrGb_ = p.stats.wrGb * repeat, rdMac_ = p.stats.rdMac * repeat;
  refreshes_ = p.stats.ref * repeat, rowSwitches_ = p.stats.pimRowSwitches * repeat;
  unitBusy_ = p.unitBusy;
  for (auto& b : unitBusy_) b *= repeat;
  if (pimCycles_ > 0 && !unitBusy_.empty()) {
    const auto [lo, hi] = std::minmax_element(unitBusy_.begin(), unitBusy_.end());
    const double total = std::accumulate(unitBusy_.begin(), unitBusy_.end(), 0.0);
    busyMean_ = total / unitBusy_.size() / pimCycles_;
    busyMin_ = static_cast<double>(*lo) / pimCycles_;
    busyMax_ = static_cast<double>(*hi) / pimCycles_;
  }
  if (unit_.checkFunctional && kernel_.trace.empty()) {
    Random random = sim().random(*this);
    bool passed = true;
    for (const PimStep& s : kernel_.steps) {
      const PimCheck c = checkStep(s, unit_, random);
      passed = passed && c.passed;
      checkedValues_ += c.values;
      maxAbsError_ = std::max(maxAbsError_, c.maxAbsError);
      maxErrorShare_ = std::max(maxErrorShare_, c.maxErrorShare);
    }
    functionalCheck_ = passed ? 1 : 0;
  }
}

void PimDevice::finish(bool) {
  writeReport("pim_steps.csv", [&](std::ostream& o) {
    o << "step,pim_cycles,host_cycles,speedup,macs\n";
    for (const StepFigures& s : steps_)
      o << fmt::format("{},{},{},{:.4f},{}\n", s.name, s.pim, s.host,
                       s.pim > 0 ? static_cast<double>(s.host) / s.pim : 0.0, s.macs);
  });
}

void PimDevice::summarize(SummaryLines& lines) const {
  const std::string p = path();
  lines.emplace_back(
      p + " kernel",
      fmt::format("{}{}", kernel_.name,
                  kernel_.repeat > 1 ? fmt::format(" ({} identical layers)", kernel_.repeat) : ""));
  lines.emplace_back(p + " cycles", fmt::format("PIM {}, host {} (speed-up {:.3f}x)", pimCycles_,
                                                hostCycles_, speedup_));
  lines.emplace_back(p + " throughput", fmt::format("{} MACs, {:.3f} TFLOP/s (peak {:.3f} per "
                                                    "device)",
                                                    macs_, flopsPerS_ * 1e-12, peakFlops_ * 1e-12));
  lines.emplace_back(p + " functional", functionalCheck_ == 1   ? "passed"
                                        : functionalCheck_ == 0 ? "FAILED"
                                                                : "not checked");
  lines.emplace_back(p + " energy", fmt::format("PIM {:.1f} nJ, host {:.1f} nJ", energyPj_ * 1e-3,
                                                hostEnergyPj_ * 1e-3));
}

XPUSIM_REGISTER_COMPONENT(PimDevice)

}  // namespace xpusim
