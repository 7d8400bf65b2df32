#include "models/flash/compute/BitwiseSensing.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

namespace xpusim::flash {

std::vector<ParamSpec> BitwiseSensing::params() {
  return {
      Param::uint("mws_max_wordlines", "word lines",
                  "operands ANDed in one sensing (word lines of one block)")
          .def("48"),
      Param::uint("mws_max_blocks", "blocks", "blocks ORed in one sensing").def("4"),
      Param::time("mws_sense_time", "array time of a multi-word-line sensing").def("30us"),
      Param::time("mws_time_per_operand", "extra sensing time per operand beyond the first")
          .def("0ns"),
  };
}

BitwiseSensing BitwiseSensing::read(ParamReader& p) {
  const std::uint64_t w = p.uint("mws_max_wordlines");
  const std::uint64_t b = p.uint("mws_max_blocks");
  if (w == 0) throw p.error("mws_max_wordlines", "must be at least 1");
  if (b == 0) throw p.error("mws_max_blocks", "must be at least 1");
  return BitwiseSensing(w, b, p.time("mws_sense_time"), p.time("mws_time_per_operand"));
}

BitwiseSensing::BitwiseSensing(std::uint64_t maxWordlines, std::uint64_t maxBlocks, Tick base,
                               Tick perOperand)
    : maxWordlines_(maxWordlines), maxBlocks_(maxBlocks), base_(base), perOperand_(perOperand) {}

std::vector<std::uint8_t> BitwiseSensing::evaluate(const std::vector<BitwiseOperand>& operands,
                                                   bool invert) const {
  if (operands.empty()) throw std::invalid_argument("bitwise sensing: no operands");
  const std::size_t bytes = operands[0].bits->size();
  std::map<std::uint32_t, std::vector<const BitwiseOperand*>> blocks;
  std::set<std::pair<std::uint32_t, std::uint32_t>> used;
  for (const BitwiseOperand& o : operands) {
    if (o.bits->size() != bytes)
      throw std::invalid_argument("bitwise sensing: operand pages differ in size");
    if (!used.insert({o.block, o.wordline}).second)
      throw std::invalid_argument("bitwise sensing: word line " + std::to_string(o.wordline) +
                                  " of block " + std::to_string(o.block) + " given twice");
    blocks[o.block].push_back(&o);
  }
  if (blocks.size() > maxBlocks_)
    throw std::invalid_argument("bitwise sensing: " + std::to_string(blocks.size()) +
                                " blocks, at most " + std::to_string(maxBlocks_) + " per sensing");
  std::vector<std::uint8_t> result(bytes, 0);
  for (const auto& [block, members] : blocks) {
    if (members.size() > maxWordlines_)
      throw std::invalid_argument("bitwise sensing: " + std::to_string(members.size()) +
                                  " word lines in block " + std::to_string(block) + ", at most " +
                                  std::to_string(maxWordlines_) + " per sensing");
    // A NAND string conducts only if every selected cell does: AND within the block; the bit
    // line discharges if any string conducts: OR across blocks.
    for (std::size_t i = 0; i < bytes; ++i) {
      std::uint8_t conj = 0xff;
      for (const BitwiseOperand* o : members) conj &= (*o->bits)[i];
      result[i] |= conj;
    }
  }
  if (invert)
    for (auto& b : result) b = static_cast<std::uint8_t>(~b);
  return result;
}

}  // namespace xpusim::flash
