#pragma once
#include <cstdint>
#include <vector>

#include "models/systolic/CosimStream.h"
#include "models/systolic/FoldOperands.h"
#include "models/systolic/FoldTiming.h"
#include "rtl/cosim/RtlHarness.h"
#include "sim/cosim/StreamRecord.h"

namespace xpusim::rtl {

/// Drives the Verilated `systolic_array` (rtl/systolic/systolic_array.sv, any build `V`: plain,
/// VCD- or FST-traced) through one GEMM, one clock cycle per step(): it presents the folds'
/// beats on the stationary/row/column ports (valid/ready), reads the result lanes, records the
/// canonical stream (the same observation points as systolic::modelStream), accumulates
/// Out[M x N] (ws/is partial sums are summed as the ofmap scratchpad would) and ends with the
/// last fold's fold_end. Cycle n is the n-th rising edge after reset; a beat or result of
/// cycle n is sampled at that edge.
template <class V>
class SystolicRtlDriver {
 public:
  SystolicRtlDriver(const systolic::FoldGrid& grid, const systolic::GemmOperands& ops,
                    const WaveWindow& wave = {})
      : grid_(grid),
        ops_(ops),
        law_{grid.dataflow, grid.rows, grid.cols, grid.t},
        out_(ops.shape.m * ops.shape.n, 0),
        lanePos_(grid.cols, 0),
        rtl_(wave) {
    stream_.ports = systolic::systolicPortNames();
    top().cfg_rows = static_cast<std::uint8_t>(grid.rows);
    top().cfg_cols = static_cast<std::uint8_t>(grid.cols);
    top().cfg_ws = grid.dataflow != systolic::Dataflow::kOutputStationary;
    top().res_ready = 1;
    rtl_.reset();
  }
  SystolicRtlDriver(const SystolicRtlDriver&) = delete;
  SystolicRtlDriver& operator=(const SystolicRtlDriver&) = delete;

  /// The last fold has ended (or the RTL hung).
  bool done() const { return foldsEnded_ == grid_.folds() || hung(); }
  /// No operand accepted and no result for kHangCycles cycles.
  bool hung() const { return rtl_.hung(); }
  /// Runs one cycle; false once done().
  bool step() {
    if (done()) return false;
    now_ = rtl_.cycle();
    present();
    rtl_.settle();
    const bool stFire = top().st_valid && top().st_ready;
    const bool rsFire = top().rs_valid && top().rs_ready;
    if (stFire || rsFire) recordBeat(stFire);
    rtl_.rise();
    collect();
    if (stFire || rsFire || top().res_valid || top().fold_end) rtl_.progressed();
    if (stFire || rsFire) advance(stFire);
    return !done();
  }
  /// Cycles the GEMM took: the last fold's end + 1.
  Cycle cycles() const { return rtl_.cycle(); }
  const cosim::Stream& stream() const { return stream_; }
  const std::vector<std::int32_t>& out() const { return out_; }

 private:
  bool preloads() const { return law_.preloads(); }
  /// Fold number f in the array's order (column fold outer, row fold inner).
  systolic::FoldOperands fold(std::uint64_t f) const {
    return {grid_, ops_, f % grid_.rowFolds, f / grid_.rowFolds};
  }
  static void setByte(auto& wide, std::uint64_t lane, std::int8_t v) {
    auto& word = wide[lane / 4];
    const unsigned shift = 8 * (lane % 4);
    word = (word & ~(0xffu << shift)) |
           (static_cast<std::uint32_t>(static_cast<std::uint8_t>(v)) << shift);
  }
  void present() {
    top().st_valid = 0;
    top().rs_valid = 0;
    if (feedFold_ >= grid_.folds()) return;
    const systolic::FoldOperands f = fold(feedFold_);
    if (preloads() && preload_ < grid_.rows) {
      top().st_valid = 1;
      for (std::uint64_t c = 0; c < grid_.cols; ++c)
        setByte(top().st_data, c, f.stationary(grid_.rows - 1 - preload_, c));
      return;
    }
    top().rs_valid = 1;
    top().rs_last = step_ + 1 == grid_.t;
    top().rs_rows = static_cast<std::uint8_t>(f.rowsUsed());
    top().rs_cols = static_cast<std::uint8_t>(f.colsUsed());
    for (std::uint64_t r = 0; r < grid_.rows; ++r) setByte(top().rs_data, r, f.row(step_, r));
    if (!preloads())
      for (std::uint64_t c = 0; c < grid_.cols; ++c) setByte(top().cs_data, c, f.column(step_, c));
  }
  void emit(systolic::SystolicPort p, std::uint64_t lane, std::int64_t v) {
    stream_.records.push_back({now_, p, static_cast<std::uint16_t>(lane), v});
  }
  void recordBeat(bool stationary) {
    const systolic::FoldOperands f = fold(feedFold_);
    if (stationary) {
      const std::uint64_t r = grid_.rows - 1 - preload_;
      for (std::uint64_t c = 0; c < f.colsUsed() && r < f.rowsUsed(); ++c)
        emit(systolic::kStationaryPort, c, f.stationary(r, c));
      return;
    }
    for (std::uint64_t r = 0; r < f.rowsUsed(); ++r) emit(systolic::kRowPort, r, f.row(step_, r));
    for (std::uint64_t c = 0; c < f.colsUsed() && !preloads(); ++c)
      emit(systolic::kColumnPort, c, f.column(step_, c));
  }
  void advance(bool stationary) {
    if (stationary) {
      ++preload_;
    } else if (++step_ == grid_.t) {
      step_ = 0;
      preload_ = 0;
      ++feedFold_;
    }
  }
  void collect() {
    const std::uint32_t valid = top().res_valid;
    if (valid != 0) collectResults(valid);
    if (top().fold_end) emit(systolic::kFoldEndPort, 0, static_cast<std::int64_t>(foldsEnded_++));
  }
  void collectResults(std::uint32_t valid) {
    const systolic::FoldOperands f = fold(resultFold_);
    for (std::uint64_t c = 0; c < grid_.cols; ++c) {
      if (!(valid >> c & 1)) continue;
      const auto v = static_cast<std::int32_t>(top().res_data[c]);
      emit(systolic::kResultPort, c, v);
      out_[f.outIndex(lanePos_[c]++, c)] += v;
      ++foldReceived_;
    }
    if (foldReceived_ == f.colsUsed() * (preloads() ? grid_.t : f.rowsUsed())) {
      foldReceived_ = 0;
      ++resultFold_;
      std::fill(lanePos_.begin(), lanePos_.end(), 0);
    }
  }

  V& top() { return rtl_.top(); }

  const systolic::FoldGrid grid_;
  const systolic::GemmOperands& ops_;
  const systolic::FoldTiming law_;
  cosim::Stream stream_;
  std::vector<std::int32_t> out_;
  std::vector<std::uint64_t> lanePos_;
  RtlHarness<V> rtl_;
  Cycle now_ = 0;  ///< the cycle step() is running
  std::uint64_t feedFold_ = 0, preload_ = 0, step_ = 0;
  std::uint64_t resultFold_ = 0, foldReceived_ = 0, foldsEnded_ = 0;
};

}  // namespace xpusim::rtl
