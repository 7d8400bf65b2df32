#include "models/pim/PimDevice.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

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
      {"af", "commands", "activation-function commands (AF: LUT-row activate + look-up)"},
      {"rdaf", "commands", "activated-result read-outs (RD_AF)"},
      {"af_max_function_error", "",
       "with an activation: largest |PIM output - exact function of the exact GEMV value|"},
      {"refreshes", "commands", "refresh commands during the PIM run"},
      {"row_switches", "commands", "ACT/ACTab/PRE/PREA the controller added for PIM commands"},
      {"peak_flops_per_s", "FLOP/s", "per chip/stack: units x lanes x 2 x unit clock"},
      {"internal_bandwidth_GBps", "GB/s", "per chip/stack: units x burst / tCCD_MAC"},
      {"internal_bandwidth_per_channel_GBps", "GB/s",
       "per channel: units of a channel x burst / tCCD_MAC"},
      {"unit_busy_cycles", "cycles", "per bank unit: cycles spent on useful MACs / ops"},
      {"unit_busy_share_mean", "", "mean over units of busy cycles / pim_cycles"},
      {"unit_busy_share_min", "", "least busy unit"},
      {"unit_busy_share_max", "", "busiest unit"},
  };
  return info;
}

PimDevice::PimDevice(BuildContext& ctx)
    : Component(ctx),
      dram_(DramSpec::read(params())),
      unit_(PimUnitSpec::read(params(), dram_)),
      clock_(joinClock(dram_.timing.tCK, *this)),
      timer_(sim().queue(), clock_) {
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
  checkActivation();
  unitBusy_.assign(unit_.units(dram_), 0);
  peakFlops_ = unit_.peakFlopsPerDevice(dram_);
  internalGBps_ = unit_.internalBytesPerSecondPerDevice(dram_) * 1e-9;
  internalChannelGBps_ = internalGBps_ / unit_.channelsPerDevice;
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
  stat("af", af_);
  stat("rdaf", rdAf_);
  stat("af_max_function_error", afFunctionError_);
  stat("refreshes", refreshes_);
  stat("row_switches", rowSwitches_);
  stat("peak_flops_per_s", peakFlops_);
  stat("internal_bandwidth_GBps", internalGBps_);
  stat("internal_bandwidth_per_channel_GBps", internalChannelGBps_);
  stat("unit_busy_cycles", unitBusy_);
  stat("unit_busy_share_mean", busyMean_);
  stat("unit_busy_share_min", busyMin_);
  stat("unit_busy_share_max", busyMax_);
}

void PimDevice::checkActivation() {
  if (dram_.timing.hasAf()) return;
  // HBM-PIM and logic-die units have no activation-function unit in their references.
  for (const PimStep& s : kernel_.steps)
    if (s.activation != PimActivation::kNone)
      throw params().error(
          "tRCD_AF", fmt::format("kernel '{}' step '{}' asks for an activation function, but this "
                                 "device has no AF unit (only AiM presets give tRCD_AF); use "
                                 "activation: none",
                                 kernel_.name, s.name));
  for (const PimTraceOp& op : kernel_.trace)
    if (op.cmd == DramCommand::kAf || op.cmd == DramCommand::kRdAf)
      throw InputError(op.where, fmt::format("AiM {} needs an activation-function unit; this "
                                             "device has none (no tRCD_AF)",
                                             op.opcode));
}

double PimDevice::energy(const DramChannelStats& s, Cycle cycles) const {
  const DramEnergy& e = dram_.energy;
  const double ranks = static_cast<double>(dram_.org.channels) * dram_.org.ranksPerChannel();
  // An all-bank activate opens a row in every bank of the rank; a MAC command reads one column
  // per unit; mW x ps = 1e-3 pJ.
  // AF activates the LUT row in every bank of the rank and each unit looks its result up.
  return e.act * (s.act + (s.actAb + s.af) * dram_.org.banksPerRank()) + e.pre * s.pre +
         e.rd * (s.rd + s.rdMac + s.rdAf) + unit_.energyAfPj * s.af * unit_.unitsPerRank +
         e.wr * s.wr + e.ref * (s.ref - s.refpb) + e.refpb * s.refpb +
         unit_.energyMacPj * s.mac * unit_.unitsPerRank + unit_.energyGbWritePj * s.wrGb +
         e.backgroundMw * ranks * static_cast<double>(cycles * dram_.timing.tCK) * 1e-3;
}

DramChannelStats PimDevice::total(const PimPlan& plan) {
  DramChannelStats t;
  for (const PimChannelRun& run : plan.channels) {
    const DramChannelStats& s = run.stats();
    t.act += s.act, t.pre += s.pre, t.rd += s.rd, t.wr += s.wr;
    t.ref += s.ref, t.refpb += s.refpb, t.bytes += s.bytes;
    t.actAb += s.actAb, t.mac += s.mac, t.wrGb += s.wrGb, t.rdMac += s.rdMac;
    t.af += s.af, t.rdAf += s.rdAf;
    t.pimRowSwitches += s.pimRowSwitches;
  }
  return t;
}

void PimDevice::start() {
  if (sim().timeline()) trace_ = std::make_unique<PimUnitTrace>(*sim().timeline(), dram_, unit_);
  const PimPlanner planner(dram_, policy_, unit_, rowInterleaved_);
  pim_ = planner.pim(kernel_, trace_.get());
  if (kernel_.trace.empty()) {
    host_ = planner.host(kernel_);
    for (PimChannelRun& run : host_.channels) run.runAlone();
  }
  wake_.assign(pim_.channels.size(), 0);
  clock_.wake();
  if (unit_.checkFunctional && kernel_.trace.empty()) {
    Random random = sim().random(*this);
    bool passed = true;
    for (const PimStep& s : kernel_.steps) {
      const PimCheck c = checkStep(s, unit_, random);
      passed = passed && c.passed;
      checkedValues_ += c.values;
      maxAbsError_ = std::max(maxAbsError_, c.maxAbsError);
      maxErrorShare_ = std::max(maxErrorShare_, c.maxErrorShare);
      afFunctionError_ = std::max(afFunctionError_, c.maxFunctionError);
    }
    functionalCheck_ = passed ? 1 : 0;
  }
}

bool PimDevice::tick() {
  const Cycle now = clock_.domain()->cycle();
  Cycle next = DramController::kNever;
  for (std::size_t c = 0; c < wake_.size(); ++c) {
    if (wake_[c] <= now) wake_[c] = pim_.channels[c].serve(now);
    next = std::min(next, wake_[c]);
  }
  if (next == DramController::kNever) return false;
  if (next <= now + 1) return true;
  timer_.at(clock_.domain()->edge(next));
  return false;
}

void PimDevice::finish(bool drained) {
  for (const PimChannelRun& run : pim_.channels)
    if (drained && !run.done())
      throw std::runtime_error(fmt::format(
          "{}: no work left in the system but the kernel has not finished (deadlock)", path()));
  for (const PimChannelRun& run : pim_.channels) pimCycles_ = std::max(pimCycles_, run.end());
  // The host reference ran one layer of identical ones.
  for (const PimChannelRun& run : host_.channels) hostCycles_ = std::max(hostCycles_, run.end());
  hostCycles_ *= kernel_.repeat;
  macs_ = pim_.macs;
  speedup_ = pimCycles_ > 0 && hostCycles_ > 0 ? static_cast<double>(hostCycles_) / pimCycles_ : 0;
  std::uint64_t flops = 2 * pim_.macs;
  if (kernel_.trace.empty()) {
    flops = 0;
    for (const PimStep& s : kernel_.steps) flops += s.flops() * kernel_.repeat;
  }
  const double seconds = static_cast<double>(pimCycles_ * dram_.timing.tCK) * 1e-12;
  flopsPerS_ = seconds > 0 ? static_cast<double>(flops) / seconds : 0;
  const DramChannelStats p = total(pim_), h = total(host_);
  energyPj_ = energy(p, pimCycles_);
  hostEnergyPj_ = energy(h, hostCycles_ / kernel_.repeat) * kernel_.repeat;
  macCommands_ = p.mac, actAb_ = p.actAb, wrGb_ = p.wrGb, rdMac_ = p.rdMac;
  af_ = p.af, rdAf_ = p.rdAf;
  refreshes_ = p.ref, rowSwitches_ = p.pimRowSwitches;
  unitBusy_ = pim_.unitBusy;
  if (pimCycles_ > 0 && !unitBusy_.empty()) {
    const auto [lo, hi] = std::minmax_element(unitBusy_.begin(), unitBusy_.end());
    const double all = std::accumulate(unitBusy_.begin(), unitBusy_.end(), 0.0);
    busyMean_ = all / unitBusy_.size() / pimCycles_;
    busyMin_ = static_cast<double>(*lo) / pimCycles_;
    busyMax_ = static_cast<double>(*hi) / pimCycles_;
  }
  // Per step: the longest channel's cycles in that step (summed over the layers).
  for (std::uint32_t i = 0; i < kernel_.steps.size(); ++i) {
    StepFigures f{kernel_.steps[i].name, 0, 0, kernel_.steps[i].macs() * kernel_.repeat};
    for (const PimChannelRun& run : pim_.channels) f.pim = std::max(f.pim, run.stepCycles(i));
    for (const PimChannelRun& run : host_.channels)
      f.host = std::max(f.host, run.stepCycles(i) * kernel_.repeat);
    steps_.push_back(f);
  }
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
                  kernel_.repeat > 1 ? fmt::format(" ({} layers)", kernel_.repeat) : ""));
  lines.emplace_back(p + " cycles", fmt::format("PIM {}, host {} (speed-up {:.3f}x)", pimCycles_,
                                                hostCycles_, speedup_));
  const std::uint32_t devices = dram_.org.channels / unit_.channelsPerDevice;
  lines.emplace_back(p + " throughput",
                     fmt::format("{} MACs, {:.3f} TFLOP/s (peak {:.3f} per chip/stack, {:.3f} for "
                                 "the {} of the device)",
                                 macs_, flopsPerS_ * 1e-12, peakFlops_ * 1e-12,
                                 peakFlops_ * devices * 1e-12, devices));
  lines.emplace_back(p + " functional", functionalCheck_ == 1   ? "passed"
                                        : functionalCheck_ == 0 ? "FAILED"
                                                                : "not checked");
  lines.emplace_back(p + " energy", fmt::format("PIM {:.1f} nJ, host {:.1f} nJ", energyPj_ * 1e-3,
                                                hostEnergyPj_ * 1e-3));
}

XPUSIM_REGISTER_COMPONENT(PimDevice)

}  // namespace xpusim
