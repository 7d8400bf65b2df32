#pragma once
#include <verilated.h>
#include <verilated_vcd_c.h>

#include <memory>

#include "rtl/cosim/WaveWindow.h"

namespace xpusim::rtl {

/// Owns one Verilated top `V` (a block with inputs `clk` and active-low `rst_n`) and clocks
/// it, one rising edge per cycle, optionally dumping a VCD of a window of cycles when `V` is
/// a traced build. A driver uses it in this order each cycle: set the inputs, settle() (the
/// combinational outputs, e.g. ready and valid, now reflect them: sample what fires), rise()
/// (the edge; registered outputs now hold the cycle's results: sample them). Cycle 0 is the
/// first rising edge after reset().
template <class V>
class RtlHarness {
 public:
  explicit RtlHarness(const WaveWindow& wave = {}) : top_(std::make_unique<V>(&context_)) {
    if (wave.file.empty()) return;
    if constexpr (requires(V v, VerilatedVcdC * t) { v.trace(t, 99); }) {
      context_.traceEverOn(true);
      vcd_ = std::make_unique<VerilatedVcdC>();
      top_->trace(vcd_.get(), 99);
      vcd_->open(wave.file.c_str());
      window_ = wave;
    }
  }
  ~RtlHarness() {
    if (vcd_) vcd_->close();
    top_->final();
  }
  RtlHarness(const RtlHarness&) = delete;
  RtlHarness& operator=(const RtlHarness&) = delete;

  V& top() { return *top_; }
  const V& top() const { return *top_; }
  /// True when this harness writes a waveform (a traced `V` and a file were given).
  bool tracing() const { return vcd_ != nullptr; }

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
    if (vcd_ && window_.contains(cycle_)) {
      vcd_->dump(2 * cycle_);
      top_->clk = 0;
      top_->eval();
      vcd_->dump(2 * cycle_ + 1);
    }
    ++cycle_;
  }
  /// The cycle the next rise() belongs to (= cycles completed since reset).
  Cycle cycle() const { return cycle_; }

 private:
  VerilatedContext context_;
  std::unique_ptr<V> top_;
  std::unique_ptr<VerilatedVcdC> vcd_;
  WaveWindow window_;
  Cycle cycle_ = 0;
};

}  // namespace xpusim::rtl
