#include "rtl/flash/PageBufferCosimCommand.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>
#include <stdexcept>

#include "rtl/cosim/CosimOutcome.h"
#include "rtl/flash/PageBufferCosim.h"
#include "sim/cli/Commands.h"
#include "sim/config/InputError.h"

namespace xpusim::rtl {

void PageBufferCosimCommand::addOptions(CLI::App& cmd) {
  cmd.add_option("--op", op_, "and, or (bulk bitwise over sensed operands) or mac (int8 GEMV)")
      ->required();
  cmd.add_option("--page-bytes", pageBytes_, "bytes per page, a multiple of the 4-byte word")
      ->required();
  cmd.add_option("--operands", operands_,
                 "and/or: sensed operand pages per command, 1 to 255 (default 1)");
  cmd.add_option("--blocks", blocks_,
                 "and/or: blocks the operands span (AND within, OR across); default 1 for "
                 "and, one per operand for or");
  cmd.add_flag("--invert", invert_, "and/or: inverse read (NAND / NOR)");
  cmd.add_option("--row-bytes", rowBytes_, "mac: input-vector bytes per weight row (default 64)");
  cmd.add_option("--rber", rber_,
                 "mac: raw bit-error rate of the sensed page, repaired by the on-die outlier ECC "
                 "(pages up to 16 KiB); default 0: no errors");
  cmd.add_option("--commands", commands_, "commands run back to back (default 1)");
  cmd.add_option("--seed", seed_, "seed of the data")->required();
  waves_.add(cmd);
  cmd.add_flag("--relaxed", relaxed_, "payloads must match, cycle deltas reported");
}

int PageBufferCosimCommand::run(std::ostream& out, std::ostream& err) {
  using cli::kExitBadInput;
  using Op = PageBufferCosimCase::Op;
  PageBufferCosimCase c;
  if (op_ == "and" || op_ == "or" || op_ == "mac") {
    c.op = op_ == "and" ? Op::kAnd : op_ == "or" ? Op::kOr : Op::kMac;
  } else {
    fmt::print(err, "error: --op '{}': expected and, or or mac\n", op_);
    return kExitBadInput;
  }
  c.pageBytes = pageBytes_;
  c.operands = operands_;
  c.blocks = blocks_;
  c.invert = invert_;
  c.rowBytes = rowBytes_;
  c.rber = rber_;
  c.commands = commands_;
  c.seed = seed_;
  c.mode = relaxed_ ? cosim::CheckMode::kRelaxed : cosim::CheckMode::kExact;
  const auto wave = waves_.window(err);
  if (!wave) return kExitBadInput;
  c.wave = *wave;
  PageBufferCosimResult r;
  try {
    r = runPageBufferCosim(c);
  } catch (const std::invalid_argument& e) {
    fmt::print(err, "error: {}\n", e.what());
    return kExitBadInput;
  } catch (const InputError& e) {
    fmt::print(err, "error: {}\n", e.what());
    return kExitBadInput;
  }
  fmt::print(out, "cosim flash {} page {} B, {} command(s), seed {}\n", op_, c.pageBytes,
             c.commands, c.seed);
  printSides(out, r, c.mode);
  if (c.rber > 0)
    fmt::print(out,
               "  on-die ECC: {} bits flipped, {} corrected, {} entries reported, {} clipped, "
               "{} row sums off the error-free page\n",
               r.flippedBits, r.correctedBits, r.failedEntries, r.clipped, r.rowsWrong);
  return printVerdict(out, r, c.wave, r.agrees(c.mode));
}

XPUSIM_REGISTER_COSIM(PageBufferCosimCommand, "flash",
                      "flash page-buffer compute unit (bitwise, MAC) model vs Verilated RTL")

}  // namespace xpusim::rtl
