#include "models/flash/compute/PageBufferStream.h"

#include <algorithm>
#include <stdexcept>

#include "models/flash/compute/PageGemv.h"

namespace xpusim::flash {

namespace {

const std::uint8_t* bytesOf(const std::vector<std::int8_t>& v) {
  return reinterpret_cast<const std::uint8_t*>(v.data());
}

void requireWords(std::uint64_t bytes, unsigned wordBytes, const char* what) {
  if (bytes == 0 || bytes % wordBytes != 0)
    throw std::invalid_argument(std::string("page buffer: ") + what + " of " +
                                std::to_string(bytes) + " B is not a whole number of " +
                                std::to_string(wordBytes) + "-byte words");
}

/// The bitwise command's operands as one multi-word-line sensing: word line = position in
/// its block's group.
std::vector<BitwiseOperand> sensingOperands(const PageBufferCommand& c) {
  std::vector<BitwiseOperand> ops;
  std::uint32_t wordline = 0;
  for (std::size_t k = 0; k < c.operands.size(); ++k) {
    wordline = k > 0 && c.blocks[k] == c.blocks[k - 1] ? wordline + 1 : 0;
    ops.push_back({c.blocks[k], wordline, &c.operands[k]});
  }
  return ops;
}

}  // namespace

std::vector<std::string> pageBufferPortNames() {
  return {"command", "vector", "page", "result", "done"};
}

std::int64_t pageWord(const std::uint8_t* bytes, std::uint64_t w, unsigned wordBytes) {
  std::uint64_t v = 0;
  for (unsigned b = 0; b < wordBytes; ++b)
    v |= static_cast<std::uint64_t>(bytes[w * wordBytes + b]) << (8 * b);
  return static_cast<std::int64_t>(v);
}

Cycle PageBufferLaw::length(const PageBufferCommand& c) const {
  if (c.mac) return words(c.vector.size()) + words(c.weights.size()) + 2;
  return words(c.operands.at(0).size()) * c.operands.size() + 1;
}

cosim::Stream pageBufferStream(const std::vector<PageBufferCommand>& commands,
                               const PageBufferLaw& law, const BitwiseSensing& sensing,
                               Cycle delayFrom) {
  cosim::Stream s;
  s.ports = pageBufferPortNames();
  auto& out = s.records;
  const unsigned wb = law.wordBytes();
  Cycle start = 0;
  for (std::size_t n = 0; n < commands.size(); ++n) {
    const PageBufferCommand& c = commands[n];
    auto emit = [&](Cycle at, PageBufferPort p, std::uint64_t lane, std::int64_t v) {
      out.push_back({start + at, p, static_cast<std::uint16_t>(lane), v});
    };
    emit(0, kPbCommand, 0, c.mac ? 1 : 0);
    if (c.mac) {
      requireWords(c.vector.size(), wb, "the input vector");
      requireWords(c.weights.size(), wb, "the weight page");
      const std::vector<std::int32_t> sums = pageGemv(c.weights, c.vector);
      const std::uint64_t v = law.words(c.vector.size()), m = law.words(c.weights.size());
      for (std::uint64_t j = 0; j < v; ++j)
        emit(1 + j, kPbVector, j, pageWord(bytesOf(c.vector), j, wb));
      for (std::uint64_t i = 0; i < m; ++i)
        emit(1 + v + i, kPbPage, i % v, pageWord(bytesOf(c.weights), i, wb));
      for (std::uint64_t r = 0; r < sums.size(); ++r)
        emit(1 + v + (r + 1) * v, kPbResult, r, sums[r]);
    } else {
      if (c.operands.empty() || c.blocks.size() != c.operands.size())
        throw std::invalid_argument("page buffer: a bitwise command needs a block per operand");
      requireWords(c.operands[0].size(), wb, "an operand page");
      const std::vector<std::uint8_t> result = sensing.evaluate(sensingOperands(c), c.invert);
      const std::uint64_t k = c.operands.size(), words = law.words(result.size());
      for (std::uint64_t w = 0; w < words; ++w) {
        for (std::uint64_t o = 0; o < k; ++o)
          emit(1 + w * k + o, kPbPage, o, pageWord(c.operands[o].data(), w, wb));
        emit((w + 1) * k, kPbResult, w, pageWord(result.data(), w, wb));
      }
    }
    emit(law.length(c) - 1, kPbDone, 0, static_cast<std::int64_t>(n));
    start += law.length(c);
  }
  for (auto& r : out)
    if (r.cycle >= delayFrom) ++r.cycle;
  std::stable_sort(out.begin(), out.end());
  return s;
}

}  // namespace xpusim::flash
