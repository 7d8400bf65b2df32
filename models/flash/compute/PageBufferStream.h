#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/flash/compute/BitwiseSensing.h"
#include "sim/cosim/StreamRecord.h"

namespace xpusim::flash {

/// One command of a die's page-buffer compute unit with its operand data (bytes as the page
/// buffer holds them; a word is `wordBytes` consecutive bytes, little-endian).
struct PageBufferCommand {
  bool mac = false;
  /// Bitwise: the sensed operand pages (equal sizes) and the block of each, blocks in
  /// contiguous groups: OR over blocks of (AND over a block's word lines), inverted if asked.
  std::vector<std::vector<std::uint8_t>> operands;
  std::vector<std::uint32_t> blocks;
  bool invert = false;
  /// MAC: the (ECC-corrected) weight page, row-major, and the input vector (one row).
  std::vector<std::int8_t> weights;
  std::vector<std::int8_t> vector;
};

/// Port indices of the page-buffer unit's canonical co-simulation stream.
enum PageBufferPort : std::uint16_t { kPbCommand, kPbVector, kPbPage, kPbResult, kPbDone };

/// The ports' names, in PageBufferPort order.
std::vector<std::string> pageBufferPortNames();

/// Cycle law of the page-buffer compute unit (rtl/flash/page_buffer_unit.sv), in cycles of
/// the page-buffer clock: one word accepted per cycle, commands back to back. A command
/// accepted at cycle c:
///   bitwise (K operands, N page words): operand k of word w at c + 1 + w*K + k; result
///     word w at c + (w + 1)*K; length N*K + 1;
///   MAC (V vector words, M weight words, V per row): vector word j at c + 1 + j; weight word
///     i at c + 1 + V + i; row r's sum at c + 1 + V + (r + 1)*V (one stage after its last
///     word); length V + M + 2.
/// The device's `core_page_time` is this MAC length times the page-buffer clock period: a
/// 16 KiB page of 64-byte rows on 4-byte words takes 16 + 4096 + 2 = 4114 cycles, so the
/// Cambricon-LLM 20 us per page needs a page-buffer clock of at least 205.7 MHz.
class PageBufferLaw {
 public:
  explicit PageBufferLaw(unsigned wordBytes) : wordBytes_(wordBytes) {}
  unsigned wordBytes() const { return wordBytes_; }
  /// Words in `bytes` (a multiple of the word).
  std::uint64_t words(std::uint64_t bytes) const { return bytes / wordBytes_; }
  /// Cycles from a command's acceptance to the unit's next free cycle.
  Cycle length(const PageBufferCommand& c) const;
  /// MAC length of a page of `pageBytes` in rows of `rowBytes` on a clock of `period` ps.
  Tick macPageTime(std::uint64_t pageBytes, std::uint64_t rowBytes, Tick period) const {
    return (words(rowBytes) + words(pageBytes) + 2) * period;
  }

 private:
  unsigned wordBytes_;
};

/// The model's canonical stream of `commands` run back to back (the first accepted at cycle
/// 0): values from the model's own arithmetic (BitwiseSensing::evaluate under `sensing`'s
/// operand limits, pageGemv), cycles from PageBufferLaw. Records: command (op, 1 = MAC, at
/// acceptance), vector (lane j), page (lane = operand k, or the weight word's column word),
/// result (lane = word or row index; bitwise words unsigned, MAC sums int32), done (command
/// index at its last cycle). `delayFrom` (test-only perturbation) delays every record at or
/// after that cycle by one. Throws std::invalid_argument when the operands break the
/// sensing's limits or the sizes are not whole words / rows.
cosim::Stream pageBufferStream(const std::vector<PageBufferCommand>& commands,
                               const PageBufferLaw& law, const BitwiseSensing& sensing,
                               Cycle delayFrom = std::numeric_limits<Cycle>::max());

/// Word `w` of `bytes` (little-endian, `wordBytes` <= 8), as the stream records it.
std::int64_t pageWord(const std::uint8_t* bytes, std::uint64_t w, unsigned wordBytes);

}  // namespace xpusim::flash
