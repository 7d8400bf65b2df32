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

void PimRankProgram::addGemv(const PimUnitSpec& unit, std::uint64_t rowsPerUnit,
                             std::uint64_t colBursts) {
  const std::uint64_t burst = org_.burstBytes();
  const std::uint64_t tile = unit.operandBufferBytes / burst;
  const std::uint64_t block = unit.accumulators;
  // Results of `rows` rows of every unit of the rank, in bursts.
  auto readOut = [&](std::uint64_t rows) {
    return (rows * unit.unitsPerRank * unit.resultBytes + burst - 1) / burst;
  };
  if (unit.loopOrder == PimUnitSpec::LoopOrder::kRowsOuter) {
    for (std::uint64_t r = 0; r < rowsPerUnit; r += block) {
      const std::uint64_t rows = std::min(block, rowsPerUnit - r);
      for (std::uint64_t c = 0; c < colBursts; c += tile) {
        const std::uint64_t cols = std::min(tile, colBursts - c);
        add(DramCommand::kWrGb, cols);
        add(DramCommand::kMacAb, rows * cols);
      }
      add(DramCommand::kRdMac, readOut(rows));
    }
    return;
  }
  for (std::uint64_t c = 0; c < colBursts; c += tile) {
    const std::uint64_t cols = std::min(tile, colBursts - c);
    add(DramCommand::kWrGb, cols);
    for (std::uint64_t r = 0; r < rowsPerUnit; r += block) {
      const std::uint64_t rows = std::min(block, rowsPerUnit - r);
      add(DramCommand::kMacAb, rows * cols);
      add(DramCommand::kRdMac, readOut(rows));
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
  if (++issued_ == s.count) {
    ++segment_;
    issued_ = 0;
  }
  return op;
}

}  // namespace xpusim
