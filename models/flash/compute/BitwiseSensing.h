#pragma once
#include <cstdint>
#include <vector>

#include "sim/config/ParamReader.h"
#include "sim/config/ParamSpec.h"
#include "sim/core/Tick.h"

namespace xpusim::flash {

/// One operand page of a multi-word-line sensing: which block and word line holds it.
struct BitwiseOperand {
  std::uint32_t block = 0;
  std::uint32_t wordline = 0;
  const std::vector<std::uint8_t>* bits = nullptr;
};

/// Flash-Cosmos multi-word-line sensing (MICRO'22, arXiv:2209.05566): operands on word lines
/// of the same NAND string (one block) are ANDed in one sensing; blocks on the same bit lines
/// are ORed, so one sensing yields OR over blocks of (AND over word lines), optionally inverted
/// (inverse read: NAND / NOR). Operands must be written with enhanced SLC programming (ESP:
/// tPROG_SLC x `esp_program_factor`). Results are bit exact; limits and latency are parameters.
class BitwiseSensing {
 public:
  static std::vector<ParamSpec> params();
  static BitwiseSensing read(ParamReader& p);
  BitwiseSensing(std::uint64_t maxWordlines, std::uint64_t maxBlocks, Tick base, Tick perOperand);

  /// The result page. Throws std::invalid_argument when the operands break the limits (more
  /// word lines in a block, or more blocks, than one sensing takes; a word line used twice;
  /// pages of different sizes; none at all).
  std::vector<std::uint8_t> evaluate(const std::vector<BitwiseOperand>& operands,
                                     bool invert) const;
  /// Array time of one sensing over `operands` operands: base + perOperand * (operands - 1).
  Tick senseTime(std::uint64_t operands) const { return base_ + perOperand_ * (operands - 1); }
  std::uint64_t maxWordlines() const { return maxWordlines_; }
  std::uint64_t maxBlocks() const { return maxBlocks_; }

 private:
  std::uint64_t maxWordlines_, maxBlocks_;
  Tick base_, perOperand_;
};

}  // namespace xpusim::flash
