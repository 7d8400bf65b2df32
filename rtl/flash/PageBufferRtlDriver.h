#pragma once
#include <cstdint>
#include <vector>

#include "models/flash/compute/PageBufferStream.h"
#include "rtl/cosim/RtlHarness.h"
#include "sim/cosim/StreamRecord.h"

namespace xpusim::rtl {

/// Sizes the page-buffer RTL (rtl/flash/page_buffer_unit.sv) is built with.
inline constexpr unsigned kPageBufferWordBytes = 4;          ///< WORD_BITS / 8
inline constexpr std::uint64_t kPageBufferMaxRowWords = 16;  ///< VEC_WORDS
inline constexpr std::uint64_t kPageBufferMaxOperands = 255;
inline constexpr std::uint64_t kPageBufferMaxWords = 65535;  ///< 2^COUNT_BITS - 1

/// Drives the Verilated `page_buffer_unit` (either build `V`: plain or traced) through a list
/// of commands, one clock cycle per step(): it presents each command as soon as the previous
/// one has been fed, streams its words without bubbles (bitwise: the K operand words of each
/// page word in turn; MAC: the input vector, then the weight page), and records the canonical
/// stream at the same observation points as flash::pageBufferStream. Cycle n is the n-th
/// rising edge after reset; a beat or result of cycle n is sampled at that edge.
template <class V>
class PageBufferRtlDriver {
 public:
  PageBufferRtlDriver(const std::vector<flash::PageBufferCommand>& commands,
                      const WaveWindow& wave = {})
      : commands_(commands), rtl_(wave) {
    stream_.ports = flash::pageBufferPortNames();
    rtl_.reset();
  }
  PageBufferRtlDriver(const PageBufferRtlDriver&) = delete;
  PageBufferRtlDriver& operator=(const PageBufferRtlDriver&) = delete;

  /// True once every command has signalled done (or the RTL hung).
  bool done() const { return doneCount_ == commands_.size() || hung(); }
  /// No command, word or result for kHangCycles cycles.
  bool hung() const { return rtl_.hung(); }
  /// Runs one cycle; false once done.
  bool step() {
    if (done()) return false;
    now_ = rtl_.cycle();
    present();
    rtl_.settle();
    const bool cmdFire = top().cmd_valid && top().cmd_ready;
    const bool inFire = top().in_valid && top().in_ready;
    if (cmdFire || inFire || top().res_valid || top().done) rtl_.progressed();
    if (cmdFire) emit(flash::kPbCommand, 0, commands_[issued_].mac ? 1 : 0);
    if (inFire) recordBeat();
    rtl_.rise();
    collect();
    if (cmdFire) {
      feeding_ = true;
      feed_ = issued_++;
      beat_ = 0;
    }
    if (inFire && ++beat_ == beats(commands_[feed_])) feeding_ = false;
    return !done();
  }
  /// Cycles run: the last command's done + 1.
  Cycle cycles() const { return rtl_.cycle(); }
  const cosim::Stream& stream() const { return stream_; }

 private:
  static constexpr unsigned kWb = kPageBufferWordBytes;
  static std::uint64_t beats(const flash::PageBufferCommand& c) {
    if (c.mac) return (c.vector.size() + c.weights.size()) / kWb;
    return c.operands.size() * (c.operands[0].size() / kWb);
  }
  static const std::uint8_t* bytes(const std::vector<std::int8_t>& v) {
    return reinterpret_cast<const std::uint8_t*>(v.data());
  }
  /// The word of beat `b` of command `c`, its lane and its port.
  struct Beat {
    flash::PageBufferPort port;
    std::uint64_t lane;
    std::int64_t word;
    bool newBlock;
  };
  static Beat beatOf(const flash::PageBufferCommand& c, std::uint64_t b) {
    if (c.mac) {
      const std::uint64_t v = c.vector.size() / kWb;
      if (b < v) return {flash::kPbVector, b, flash::pageWord(bytes(c.vector), b, kWb), false};
      return {flash::kPbPage, (b - v) % v, flash::pageWord(bytes(c.weights), b - v, kWb), false};
    }
    const std::uint64_t k = c.operands.size(), w = b / k, o = b % k;
    return {flash::kPbPage, o, flash::pageWord(c.operands[o].data(), w, kWb),
            o > 0 && c.blocks[o] != c.blocks[o - 1]};
  }
  void present() {
    top().cmd_valid = !feeding_ && issued_ < commands_.size();
    if (top().cmd_valid) {
      const flash::PageBufferCommand& c = commands_[issued_];
      top().cmd_mac = c.mac;
      top().cmd_invert = c.invert;
      top().cmd_operands = static_cast<std::uint8_t>(c.mac ? 1 : c.operands.size());
      top().cmd_words =
          static_cast<std::uint16_t>((c.mac ? c.weights.size() : c.operands[0].size()) / kWb);
      top().cmd_row_words = static_cast<std::uint8_t>(c.vector.size() / kWb);
    }
    top().in_valid = feeding_;
    if (!feeding_) return;
    const Beat b = beatOf(commands_[feed_], beat_);
    top().in_data = static_cast<std::uint32_t>(b.word);
    top().in_new_block = b.newBlock;
  }
  void emit(flash::PageBufferPort p, std::uint64_t lane, std::int64_t v) {
    stream_.records.push_back({now_, p, static_cast<std::uint16_t>(lane), v});
  }
  void recordBeat() {
    const Beat b = beatOf(commands_[feed_], beat_);
    emit(b.port, b.lane, b.word);
  }
  void collect() {
    if (top().res_valid) {
      const bool mac = doneCount_ < commands_.size() && commands_[doneCount_].mac;
      const std::uint32_t raw = top().res_data;
      emit(flash::kPbResult, results_++,
           mac ? std::int64_t{static_cast<std::int32_t>(raw)} : std::int64_t{raw});
    }
    if (top().done) {
      emit(flash::kPbDone, 0, static_cast<std::int64_t>(doneCount_++));
      results_ = 0;
    }
  }

  V& top() { return rtl_.top(); }

  const std::vector<flash::PageBufferCommand>& commands_;
  cosim::Stream stream_;
  RtlHarness<V> rtl_;
  Cycle now_ = 0;  ///< the cycle step() is running
  bool feeding_ = false;
  std::size_t issued_ = 0, feed_ = 0, doneCount_ = 0;
  std::uint64_t beat_ = 0, results_ = 0;
};

}  // namespace xpusim::rtl
