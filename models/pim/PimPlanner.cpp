#include "models/pim/PimPlanner.h"

#include <algorithm>
#include <memory>

namespace xpusim {

namespace {
std::uint64_t ceilDiv(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}
}  // namespace

PimPlanner::PimPlanner(const DramSpec& dram, const DramPolicy& policy, const PimUnitSpec& unit,
                       bool rowInterleaved)
    : dram_(dram), policy_(policy), unit_(unit), rowInterleaved_(rowInterleaved) {}

std::vector<PimRankProgram> PimPlanner::programs(const PimStep& s, std::uint32_t channel,
                                                 PimPlan& plan) const {
  const std::uint32_t rpc = dram_.org.ranksPerChannel(), U = unit_.unitsPerRank;
  std::vector<PimRankProgram> out;
  for (std::uint32_t r = 0; r < rpc; ++r)
    out.emplace_back(dram_.org, pimRankAddress(dram_.org, channel, r));
  const std::uint64_t eb = elementBytes(s.dtype), burst = dram_.org.burstBytes();
  const Cycle spacing = unit_.macSpacing(dram_, static_cast<std::uint32_t>(eb));
  if (s.kind == PimStep::Kind::kEltwise) {
    const std::uint64_t perUnit =
        ceilDiv(ceilDiv(s.elements * eb, burst), std::uint64_t{totalRanks()} * U);
    const std::uint64_t ops = perUnit * (s.op == PimStep::Op::kRelu ? 2 : 3);
    for (std::uint32_t r = 0; r < rpc; ++r) {
      out[r].addColumnOps(ops);
      for (std::uint32_t u = 0; u < U; ++u)
        plan.unitBusy[(channel * rpc + r) * U + u] += ops * spacing;
    }
    return out;
  }
  const std::uint64_t colBursts = ceilDiv(s.cols * eb, burst);
  const std::uint64_t ranksPerGemv = std::max<std::uint64_t>(1, totalRanks() / s.count);
  const std::uint64_t groupUnits = ranksPerGemv * U;
  const std::uint64_t rowsPerUnit = ceilDiv(s.rows, groupUnits);
  for (std::uint64_t g = 0; g < s.count; ++g) {
    const std::uint64_t base = g * ranksPerGemv % totalRanks();
    for (std::uint64_t q = 0; q < ranksPerGemv; ++q) {
      const std::uint64_t global = base + q;
      if (global / rpc != channel) continue;
      const auto r = static_cast<std::uint32_t>(global % rpc);
      out[r].addGemv(unit_, rowsPerUnit, colBursts, s.activation != PimActivation::kNone);
      for (std::uint32_t u = 0; u < U; ++u) {
        const std::uint64_t v = q * U + u;  // unit within the group
        const std::uint64_t rows =
            rowInterleaved_
                ? (v < s.rows ? ceilDiv(s.rows - v, groupUnits) : 0)
                : std::min(rowsPerUnit, s.rows > v * rowsPerUnit ? s.rows - v * rowsPerUnit : 0);
        plan.unitBusy[global * U + u] += rows * colBursts * spacing;
      }
    }
  }
  return out;
}

PimPlan PimPlanner::pim(const PimKernel& kernel, PimUnitTrace* trace) const {
  PimPlan plan;
  plan.unitBusy.assign(unit_.units(dram_), 0);
  if (!kernel.trace.empty()) {
    planTrace(kernel, trace, plan);
    return plan;
  }
  // The MAC spacing the controller enforces: tCCD_MAC or the units' compute time per burst
  // for the narrowest element type of the kernel, whichever is longer.
  DramSpec paced = dram_;
  for (const PimStep& s : kernel.steps) {
    plan.macs += s.macs() * kernel.repeat;
    paced.timing.tCCDMAC =
        std::max(paced.timing.tCCDMAC, unit_.macSpacing(dram_, elementBytes(s.dtype)));
  }
  const auto steps = static_cast<std::uint32_t>(kernel.steps.size());
  const std::uint32_t setup = unit_.modeChangeWrites + unit_.programWrites;
  plan.channels.reserve(dram_.org.channels);
  for (std::uint32_t c = 0; c < dram_.org.channels; ++c) {
    PimChannelRun& run = plan.channels.emplace_back(c, paced, policy_, steps, trace);
    for (std::uint64_t layer = 0; layer < kernel.repeat; ++layer)
      for (std::uint32_t s = 0; s < steps; ++s) {
        if (setup > 0) run.add(std::make_unique<PimSetupWrites>(s, dram_.org, c, setup));
        run.add(std::make_unique<PimPrograms>(s, programs(kernel.steps[s], c, plan)));
      }
  }
  return plan;
}

void PimPlanner::planTrace(const PimKernel& kernel, PimUnitTrace* trace, PimPlan& plan) const {
  const std::uint32_t rpc = dram_.org.ranksPerChannel(), U = unit_.unitsPerRank;
  const std::uint64_t elements = dram_.org.burstBytes() / 2;  // BF16/FP16 lanes per burst
  const Cycle spacing = unit_.macSpacing(dram_, 2);
  DramSpec paced = dram_;
  paced.timing.tCCDMAC = spacing;
  plan.channels.reserve(dram_.org.channels);
  for (std::uint32_t c = 0; c < dram_.org.channels; ++c) {
    std::vector<PimRankProgram> programs;
    for (std::uint32_t r = 0; r < rpc; ++r)
      programs.emplace_back(dram_.org, pimRankAddress(dram_.org, c, r));
    for (const PimTraceOp& op : kernel.trace) {
      if (!(op.channelMask >> c & 1)) continue;
      const bool single = op.cmd == DramCommand::kMacSb;
      const bool multiply = op.opcode == "MAC_ABK" || op.opcode == "MAC_SBK";
      for (std::uint32_t r = 0; r < rpc; ++r) {
        programs[r].addExplicit(op.cmd, op.opsize, op.row, op.bank);
        if (op.cmd != DramCommand::kMacAb && !single) continue;
        const std::uint32_t first = (c * rpc + r) * U;
        for (std::uint32_t u = 0; u < U; ++u)
          if (!single || u == op.bank * U / dram_.org.banksPerRank())
            plan.unitBusy[first + u] += Cycle{op.opsize} * spacing;
        if (multiply) plan.macs += std::uint64_t{op.opsize} * elements * (single ? 1 : U);
      }
    }
    plan.channels.emplace_back(c, paced, policy_, 1, trace)
        .add(std::make_unique<PimPrograms>(0, std::move(programs)));
  }
}

PimPlan PimPlanner::host(const PimKernel& kernel) const {
  PimPlan plan;
  const DramOrganisation& o = dram_.org;
  const std::uint64_t burst = o.burstBytes(), channels = o.channels;
  const auto steps = static_cast<std::uint32_t>(kernel.steps.size());
  plan.channels.reserve(o.channels);
  for (std::uint32_t c = 0; c < o.channels; ++c) {
    PimChannelRun& run = plan.channels.emplace_back(c, dram_, policy_, steps, nullptr);
    for (std::uint32_t i = 0; i < steps; ++i) {
      const PimStep& s = kernel.steps[i];
      const std::uint64_t eb = elementBytes(s.dtype);
      const std::uint64_t outBytes = s.dtype == PimDataType::kInt8 ? 4 : 2;
      std::uint64_t readBytes, writeBytes;
      if (s.kind == PimStep::Kind::kGemv) {
        readBytes = s.count * (s.rows * s.cols + s.cols) * eb;
        writeBytes = s.count * s.rows * outBytes;
      } else {
        readBytes = s.elements * eb * (s.op == PimStep::Op::kRelu ? 1 : 2);
        writeBytes = s.elements * eb;
      }
      run.add(std::make_unique<PimHostStream>(i, o, c, ceilDiv(ceilDiv(readBytes, burst), channels),
                                              ceilDiv(ceilDiv(writeBytes, burst), channels)));
    }
  }
  return plan;
}

}  // namespace xpusim
