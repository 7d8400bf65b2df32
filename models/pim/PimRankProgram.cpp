#include "models/pim/PimRankProgram.h"

#include <algorithm>

namespace xpusim {

PimRankProgram::PimRankProgram(const DramOrganisation& org, const DramAddress& rank)
    : org_(org), rank_(rank) {}

void PimRankProgram::add(DramCommand cmd, std::uint64_t count, bool streaming, std::uint32_t row,
                         std::uint32_t bank) {
  if (count == 0) return;
  segments_.push_back({cmd, count, streaming, row, bank});
  commands_ += count;
}

void PimRankProgram::addReadOut(const PimUnitSpec& unit, std::uint64_t rows, bool activation) {
  const std::uint64_t burst = org_.burstBytes();
  const std::uint64_t bursts = (rows * unit.unitsPerRank * unit.resultBytes + burst - 1) / burst;
  if (!activation) {
    add(DramCommand::kRdMac, bursts);
    return;
  }
  add(DramCommand::kAf, 1);
  add(DramCommand::kRdAf, bursts);
}

void PimRankProgram::addGemv(const PimUnitSpec& unit, std::uint64_t rowsPerUnit,
                             std::uint64_t colBursts, bool activation) {
  const std::uint64_t burst = org_.burstBytes();
  const std::uint64_t tile = unit.operandBufferBytes / burst;
  const std::uint64_t block = unit.accumulators;
  if (unit.loopOrder == PimUnitSpec::LoopOrder::kRowsOuter) {
    for (std::uint64_t r = 0; r < rowsPerUnit; r += block) {
      const std::uint64_t rows = std::min(block, rowsPerUnit - r);
      for (std::uint64_t c = 0; c < colBursts; c += tile) {
        const std::uint64_t cols = std::min(tile, colBursts - c);
        add(DramCommand::kWrGb, cols);
        add(DramCommand::kMacAb, rows * cols);
      }
      addReadOut(unit, rows, activation);
    }
    return;
  }
  constexpr std::uint64_t kBiasBytes = 4;  // WR_BIAS: one FP32 partial sum per row and unit
  for (std::uint64_t c = 0; c < colBursts; c += tile) {
    const std::uint64_t cols = std::min(tile, colBursts - c);
    const bool lastTile = c + cols == colBursts;
    add(DramCommand::kWrGb, cols);
    for (std::uint64_t r = 0; r < rowsPerUnit; r += block) {
      const std::uint64_t rows = std::min(block, rowsPerUnit - r);
      if (activation && lastTile && c > 0)
        add(DramCommand::kWrGb, (rows * unit.unitsPerRank * kBiasBytes + burst - 1) / burst);
      add(DramCommand::kMacAb, rows * cols);
      addReadOut(unit, rows, activation && lastTile);
    }
  }
}

void PimRankProgram::addColumnOps(std::uint64_t columnOps) {
  add(DramCommand::kMacAb, columnOps);
}

void PimRankProgram::addExplicit(DramCommand cmd, std::uint64_t count, std::uint32_t row,
                                 std::uint32_t bank) {
  add(cmd, count, false, row, bank);
}

DramPimOp PimRankProgram::next(std::uint32_t owner) {
  const Segment& s = segments_[segment_];
  DramPimOp op;
  op.cmd = s.cmd;
  op.addr = rank_;
  op.owner = owner;
  const std::uint32_t perRow = org_.burstsPerRow();
  if (s.cmd == DramCommand::kMacAb || s.cmd == DramCommand::kMacSb) {
    if (s.streaming) {
      op.addr.row = static_cast<std::uint32_t>(position_ / perRow % org_.rows);
      op.addr.column = static_cast<std::uint32_t>(position_ % perRow);
      ++position_;
    } else {
      op.addr.row = s.row;
      op.addr.column = static_cast<std::uint32_t>(issued_ % perRow);
    }
    if (s.cmd == DramCommand::kMacSb) {
      op.addr.bankGroup = s.bank / org_.banks;
      op.addr.bank = s.bank % org_.banks;
    }
  }
  if (s.cmd == DramCommand::kAf || s.cmd == DramCommand::kRdAf)
    op.addr.row = org_.rows - 1;  // the LUT's reserved row
  if (++issued_ == s.count) {
    ++segment_;
    issued_ = 0;
  }
  return op;
}

}  // namespace xpusim
