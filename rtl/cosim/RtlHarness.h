#pragma once
#include <verilated.h>
#include <verilated_fst_c.h>
#include <verilated_vcd_c.h>

#include <memory>
#include <stdexcept>
#include <type_traits>

#include "rtl/cosim/WaveWindow.h"

namespace xpusim::rtl {

/// Cycles without progress after which a block counts as hung.
inline constexpr Cycle kHangCycles = 100000;

/// A Verilated top verilated with TRACE_FST (its trace() takes a VerilatedFstC).
template <class V>
concept TracesFst = requires(V& v, VerilatedFstC* w) {
  v.trace(w, 99);
};
/// A Verilated top verilated with TRACE (its trace() takes a VerilatedVcdC).
template <class V>
concept TracesVcd = requires(V& v, VerilatedVcdC* w) {
  v.trace(w, 99);
};

/// Owns one Verilated top `V` (a block with inputs `clk` and active-low `rst_n`) and clocks
/// it, one rising edge per cycle, optionally dumping a window of cycles to a waveform when `V`
/// is a traced build: FST when `V` was verilated with TRACE_FST, VCD with TRACE (the window's
/// format must be that one; a plain `V` ignores the window). A driver uses it in this order each
/// cycle: set the inputs, settle() (the combinational outputs, e.g. ready and valid, now reflect
/// them: sample what fires), rise() (the edge; registered outputs now hold the cycle's results:
/// sample them). Cycle 0 is the first rising edge after reset().
template <class V>
class RtlHarness {
 public:
  explicit RtlHarness(const WaveWindow& wave = {}) : top_(std::make_unique<V>(&context_)) {
    if (wave.file.empty()) return;
    if constexpr (TracesFst<V> || TracesVcd<V>) {
      constexpr WaveFormat format = TracesFst<V> ? WaveFormat::kFst : WaveFormat::kVcd;
      if (wave.format != format)
        throw std::invalid_argument("RtlHarness: " + wave.file + ": this traced build writes " +
                                    waveFormatName(format) + ", not " +
                                    waveFormatName(wave.format));
      context_.traceEverOn(true);
      wave_ = std::make_unique<Writer>();
      top_->trace(wave_.get(), 99);
      wave_->open(wave.file.c_str());
      window_ = wave;
    }
  }
  ~RtlHarness() {
    if (wave_) wave_->close();
    top_->final();
  }
  RtlHarness(const RtlHarness&) = delete;
  RtlHarness& operator=(const RtlHarness&) = delete;

  V& top() { return *top_; }
  const V& top() const { return *top_; }
  /// True when this harness writes a waveform (a traced `V` and a file were given).
  bool tracing() const { return wave_ != nullptr; }

  /// Holds rst_n low for `edges` rising edges, then releases it; the cycle count stays 0.
  void reset(int edges = 2) {
    top_->rst_n = 0;
    for (int i = 0; i < edges; ++i) {
      top_->clk = 0;
      top_->eval();
      top_->clk = 1;
      top_->eval();
    }
    top_->rst_n = 1;
  }
  /// Clock low with the current inputs: combinational outputs settle.
  void settle() {
    top_->clk = 0;
    top_->eval();
  }
  /// The rising edge of the current cycle; dumps it (and the following low phase) when the
  /// cycle is in the waveform window; then counts the cycle.
  void rise() {
    top_->clk = 1;
    top_->eval();
    if (wave_ && window_.contains(cycle_)) {
      wave_->dump(2 * cycle_);
      top_->clk = 0;
      top_->eval();
      wave_->dump(2 * cycle_ + 1);
    }
    ++cycle_;
  }
  /// The cycle the next rise() belongs to (= cycles completed since reset).
  Cycle cycle() const { return cycle_; }

  /// The driver saw the block make progress this cycle (an input accepted, an output written).
  void progressed() { lastProgress_ = cycle_; }
  /// No progress for more than kHangCycles cycles: a driver stops and reports the hang
  /// instead of clocking a stuck block forever.
  bool hung() const { return cycle_ - lastProgress_ > kHangCycles; }

 private:
  /// The waveform writer of `V`'s trace format (unused when `V` is a plain build).
  using Writer = std::conditional_t<TracesFst<V>, VerilatedFstC, VerilatedVcdC>;

  VerilatedContext context_;
  std::unique_ptr<V> top_;
  std::unique_ptr<Writer> wave_;
  WaveWindow window_;
  Cycle cycle_ = 0;
  Cycle lastProgress_ = 0;
};

}  // namespace xpusim::rtl
