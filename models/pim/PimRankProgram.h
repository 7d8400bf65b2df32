#pragma once
#include <cstdint>
#include <vector>

#include "models/memory/dram/DramController.h"
#include "models/pim/PimUnitSpec.h"

namespace xpusim {

/// The in-order PIM command stream of one rank (pseudo-channel), built from segments: runs of
/// one command. MAC segments either stream through the rank's weight region (consecutive
/// columns, the next row after the last column: the layout a GEMV's rows are stored in) or
/// address an explicit row (instruction traces). The controller adds the row commands.
class PimRankProgram {
 public:
  /// `rank`: the address of the rank (channel, pseudo-channel, rank; bank 0).
  PimRankProgram(const DramOrganisation& org, const DramAddress& rank);

  /// A GEMV slice: every unit of the rank holds `rowsPerUnit` output rows of `colBursts` bursts
  /// each; the vector is loaded `tileBursts` bursts at a time into the operand buffer.
  /// `activation`: the outputs go through the units' activation function (AiM): each block of
  /// accumulated rows ends with AF (activating the LUT row) and RD_AF read-outs instead of
  /// RD_MAC; with tiles_outer the earlier tiles' partials are read out as usual and their
  /// host-side sum is written back (WR_BIAS: FP32 per row and unit, timed as WR_GB bursts)
  /// before the last tile, so that the unit activates the whole sum.
  void addGemv(const PimUnitSpec& unit, std::uint64_t rowsPerUnit, std::uint64_t colBursts,
               bool activation = false);
  /// `columnOps` streaming column operations (element-wise kernels).
  void addColumnOps(std::uint64_t columnOps);
  /// `count` commands `cmd`; MACs go to `row` (and to `bank`, a bank index in the rank, for
  /// single-bank commands) starting at column 0.
  void addExplicit(DramCommand cmd, std::uint64_t count, std::uint32_t row, std::uint32_t bank);

  bool done() const { return segment_ == segments_.size(); }
  /// The next command of the stream (owner = `owner`); advances.
  DramPimOp next(std::uint32_t owner);
  /// Commands of the whole stream.
  std::uint64_t commands() const { return commands_; }

 private:
  struct Segment {
    DramCommand cmd;
    std::uint64_t count;
    bool streaming;
    std::uint32_t row, bank;
  };
  /// The read-out of `rows` accumulated rows: RD_MAC, or AF then RD_AF.
  void addReadOut(const PimUnitSpec& unit, std::uint64_t rows, bool activation);
  void add(DramCommand cmd, std::uint64_t count, bool streaming = true, std::uint32_t row = 0,
           std::uint32_t bank = 0);

  DramOrganisation org_;
  DramAddress rank_;
  std::vector<Segment> segments_;
  std::size_t segment_ = 0;
  std::uint64_t issued_ = 0;    // commands of the current segment handed out
  std::uint64_t position_ = 0;  // streaming weight position, in bursts
  std::uint64_t commands_ = 0;
};

}  // namespace xpusim
