#include "models/pim/PimExecutor.h"

#include <fmt/format.h>

#include <algorithm>

#include "models/pim/ChannelDriver.h"
#include "models/pim/PimRankProgram.h"
#include "sim/trace/Timeline.h"

namespace xpusim {

namespace {
constexpr std::uint32_t kMacOwner = 0, kOtherOwner = 1;  // owner = rank << 1 | kind
std::uint64_t ceilDiv(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}
}  // namespace

PimExecutor::PimExecutor(const DramSpec& dram, const DramPolicy& policy, const PimUnitSpec& unit,
                         bool rowInterleaved, Timeline* timeline)
    : dram_(dram),
      policy_(policy),
      unit_(unit),
      rowInterleaved_(rowInterleaved),
      timeline_(timeline) {
  if (!timeline_) return;
  const DramOrganisation& o = dram_.org;
  for (std::uint32_t c = 0; c < o.channels; ++c)
    for (std::uint32_t r = 0; r < o.ranksPerChannel(); ++r)
      for (std::uint32_t u = 0; u < unit_.unitsPerRank; ++u)
        lanes_.push_back(timeline_->lane(
            "pim units", fmt::format("ch{}.pc{}.ra{}.unit{}", c, r / o.ranks, r % o.ranks, u)));
}

DramAddress PimExecutor::rankAddress(std::uint32_t channel, std::uint32_t rank) const {
  DramAddress a;
  a.channel = channel;
  a.pseudoChannel = rank / dram_.org.ranks;
  a.rank = rank % dram_.org.ranks;
  return a;
}

void PimExecutor::planStep(const PimStep& s, std::uint32_t channel,
                           std::vector<PimRankProgram>& programs, PimRunResult& result) const {
  const std::uint32_t rpc = dram_.org.ranksPerChannel(), U = unit_.unitsPerRank;
  const std::uint64_t eb = elementBytes(s.dtype), burst = dram_.org.burstBytes();
  const Cycle spacing = unit_.macSpacing(dram_, static_cast<std::uint32_t>(eb));
  if (s.kind == PimStep::Kind::kEltwise) {
    const std::uint64_t perUnit =
        ceilDiv(ceilDiv(s.elements * eb, burst), std::uint64_t{totalRanks()} * U);
    const std::uint64_t ops = perUnit * (s.op == PimStep::Op::kRelu ? 2 : 3);
    for (std::uint32_t r = 0; r < rpc; ++r) {
      programs[r].addColumnOps(ops);
      for (std::uint32_t u = 0; u < U; ++u)
        result.unitBusy[(channel * rpc + r) * U + u] += ops * spacing;
    }
    return;
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
      programs[r].addGemv(unit_, rowsPerUnit, colBursts);
      for (std::uint32_t u = 0; u < U; ++u) {
        const std::uint64_t v = q * U + u;  // unit within the group
        const std::uint64_t rows =
            rowInterleaved_
                ? (v < s.rows ? ceilDiv(s.rows - v, groupUnits) : 0)
                : std::min(rowsPerUnit, s.rows > v * rowsPerUnit ? s.rows - v * rowsPerUnit : 0);
        result.unitBusy[global * U + u] += rows * colBursts * spacing;
      }
    }
  }
}

void PimExecutor::flushMac(std::uint32_t channel, std::uint32_t rank) {
  MacInterval& m = intervals_[rank];
  if (!m.open) return;
  m.open = false;
  const std::uint32_t first = (channel * dram_.org.ranksPerChannel() + rank) * unit_.unitsPerRank;
  for (std::uint32_t u = 0; u < unit_.unitsPerRank; ++u)
    timeline_->slice(lanes_[first + u], "MAC", m.start * dram_.timing.tCK,
                     m.end * dram_.timing.tCK);
}

void PimExecutor::traceMac(std::uint32_t channel, std::uint32_t rank, const DramCompletion& d) {
  MacInterval& m = intervals_[rank];
  if (m.open && d.issued <= m.end) {
    m.end = std::max(m.end, d.done);
    return;
  }
  flushMac(channel, rank);
  m = {d.issued, d.done, true};
}

Cycle PimExecutor::runPrograms(DramController& ctrl, std::uint32_t channel, Cycle start,
                               std::vector<PimRankProgram>& programs, std::uint32_t setupWrites) {
  const std::uint32_t rpc = dram_.org.ranksPerChannel();
  auto ignore = [](const DramCompletion&) {};
  Cycle t = start;
  if (setupWrites > 0) {  // host writes to the reserved (last) row of bank 0 of every rank
    std::uint32_t left = setupWrites * rpc, k = 0;
    t = driveChannel(
        ctrl, t,
        [&](Cycle now) {
          while (left > 0 && ctrl.canAccept(0, 1)) {
            DramAddress a = rankAddress(channel, k % rpc);
            a.row = dram_.org.rows - 1;
            a.column = k / rpc % dram_.org.burstsPerRow();
            ctrl.enqueue(a, true, 0, now);
            --left, ++k;
          }
          return left > 0;
        },
        ignore);
  }
  intervals_.assign(rpc, {});
  t = driveChannel(
      ctrl, t,
      [&](Cycle) {
        bool more = false;
        for (std::uint32_t r = 0; r < rpc; ++r) {
          PimRankProgram& p = programs[r];
          while (!p.done() && ctrl.canAcceptPim(r)) {
            DramPimOp op = p.next(0);
            op.owner = r << 1 | (op.cmd == DramCommand::kMacAb || op.cmd == DramCommand::kMacSb
                                     ? kMacOwner
                                     : kOtherOwner);
            ctrl.enqueuePim(op);
          }
          more = more || !p.done();
        }
        return more;
      },
      [&](const DramCompletion& d) {
        if (timeline_ && (d.owner & 1) == kMacOwner) traceMac(channel, d.owner >> 1, d);
      });
  if (timeline_)
    for (std::uint32_t r = 0; r < rpc; ++r) flushMac(channel, r);
  return t;
}

void PimExecutor::accumulate(DramChannelStats& total, const DramChannelStats& s) {
  total.act += s.act, total.pre += s.pre, total.rd += s.rd, total.wr += s.wr;
  total.ref += s.ref, total.refpb += s.refpb, total.bytes += s.bytes;
  total.actAb += s.actAb, total.mac += s.mac, total.wrGb += s.wrGb, total.rdMac += s.rdMac;
  total.pimRowSwitches += s.pimRowSwitches;
}

PimRunResult PimExecutor::runSteps(const std::vector<PimStep>& steps) {
  PimRunResult result;
  result.unitBusy.assign(unit_.units(dram_), 0);
  // The MAC spacing the controller enforces: tCCD_MAC or the units' compute time per burst
  // for the narrowest element type of the kernel, whichever is longer.
  DramSpec paced = dram_;
  for (const PimStep& s : steps) {
    result.macs += s.macs();
    paced.timing.tCCDMAC =
        std::max(paced.timing.tCCDMAC, unit_.macSpacing(dram_, elementBytes(s.dtype)));
  }
  const std::uint32_t rpc = dram_.org.ranksPerChannel();
  for (std::uint32_t c = 0; c < dram_.org.channels; ++c) {
    DramController ctrl(c, paced, policy_, nullptr);
    Cycle t = 0;
    for (const PimStep& s : steps) {
      std::vector<PimRankProgram> programs;
      for (std::uint32_t r = 0; r < rpc; ++r) programs.emplace_back(dram_.org, rankAddress(c, r));
      planStep(s, c, programs, result);
      t = runPrograms(ctrl, c, t, programs, unit_.modeChangeWrites + unit_.programWrites);
    }
    result.cycles = std::max(result.cycles, t);
    accumulate(result.stats, ctrl.stats());
  }
  return result;
}

PimRunResult PimExecutor::runTrace(const std::vector<PimTraceOp>& trace) {
  PimRunResult result;
  result.unitBusy.assign(unit_.units(dram_), 0);
  const std::uint32_t rpc = dram_.org.ranksPerChannel(), U = unit_.unitsPerRank;
  const std::uint64_t elements = dram_.org.burstBytes() / 2;  // BF16/FP16 lanes per burst
  const Cycle spacing = unit_.macSpacing(dram_, 2);
  for (std::uint32_t c = 0; c < dram_.org.channels; ++c) {
    std::vector<PimRankProgram> programs;
    for (std::uint32_t r = 0; r < rpc; ++r) programs.emplace_back(dram_.org, rankAddress(c, r));
    for (const PimTraceOp& op : trace) {
      if (!(op.channelMask >> c & 1)) continue;
      const bool single = op.cmd == DramCommand::kMacSb;
      const bool multiply = op.opcode == "MAC_ABK" || op.opcode == "MAC_SBK";
      for (std::uint32_t r = 0; r < rpc; ++r) {
        programs[r].addExplicit(op.cmd, op.opsize, op.row, op.bank);
        if (op.cmd != DramCommand::kMacAb && !single) continue;
        const std::uint32_t first = (c * rpc + r) * U;
        for (std::uint32_t u = 0; u < U; ++u)
          if (!single || u == op.bank * U / dram_.org.banksPerRank())
            result.unitBusy[first + u] += Cycle{op.opsize} * spacing;
        if (multiply) result.macs += std::uint64_t{op.opsize} * elements * (single ? 1 : U);
      }
    }
    DramSpec paced = dram_;
    paced.timing.tCCDMAC = spacing;
    DramController ctrl(c, paced, policy_, nullptr);
    result.cycles = std::max(result.cycles, runPrograms(ctrl, c, 0, programs, 0));
    accumulate(result.stats, ctrl.stats());
  }
  return result;
}

PimRunResult PimExecutor::runHost(const std::vector<PimStep>& steps) {
  PimRunResult result;
  const DramOrganisation& o = dram_.org;
  const std::uint64_t burst = o.burstBytes(), channels = o.channels;
  for (std::uint32_t c = 0; c < o.channels; ++c) {
    DramController ctrl(c, dram_, policy_, nullptr);
    Cycle t = 0;
    for (const PimStep& s : steps) {
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
      const std::uint64_t reads = ceilDiv(ceilDiv(readBytes, burst), channels);
      const std::uint64_t writes = ceilDiv(ceilDiv(writeBytes, burst), channels);
      std::uint64_t k = 0;
      // Burst k: bank group fastest (tCCD_S spacing), then rank, column, bank, row; writes
      // go to the upper half of the rows.
      auto address = [&](std::uint64_t i, bool write) {
        DramAddress a;
        a.channel = c;
        a.bankGroup = static_cast<std::uint32_t>(i % o.bankGroups);
        i /= o.bankGroups;
        const auto rank = static_cast<std::uint32_t>(i % o.ranksPerChannel());
        a.pseudoChannel = rank / o.ranks, a.rank = rank % o.ranks;
        i /= o.ranksPerChannel();
        a.column = static_cast<std::uint32_t>(i % o.burstsPerRow());
        i /= o.burstsPerRow();
        a.bank = static_cast<std::uint32_t>(i % o.banks);
        a.row = static_cast<std::uint32_t>(i / o.banks % (o.rows / 2) + (write ? o.rows / 2 : 0));
        return a;
      };
      t = driveChannel(
          ctrl, t,
          [&](Cycle now) {
            for (; k < reads && ctrl.canAccept(1, 0); ++k)
              ctrl.enqueue(address(k, false), false, 0, now);
            for (; k >= reads && k < reads + writes && ctrl.canAccept(0, 1); ++k)
              ctrl.enqueue(address(k - reads, true), true, 0, now);
            return k < reads + writes;
          },
          [](const DramCompletion&) {});
    }
    result.cycles = std::max(result.cycles, t);
    accumulate(result.stats, ctrl.stats());
  }
  return result;
}

}  // namespace xpusim
