#pragma once
#include <array>
#include <cstdint>

#include "models/dataflow/cosim/LaneStimulus.h"
#include "models/dataflow/cosim/LaneStream.h"
#include "rtl/cosim/RtlHarness.h"
#include "sim/cosim/StreamRecord.h"

namespace xpusim::rtl {

/// Drives the Verilated `pcu_lane` (rtl/dataflow/pcu_lane.sv, either build `V`: plain or
/// traced) through one lane case, one clock cycle per step(): configures the lane from the
/// case (program stages beyond its length pass the previous result on), offers each input's
/// tokens after their gaps (valid held until ready), drives out_ready from the stall pattern
/// and records the canonical stream at the same observation points as
/// dataflow::modelLaneStream: input handshakes, result writes, output handshakes.
template <class V>
class PcuLaneRtlDriver {
 public:
  PcuLaneRtlDriver(const dataflow::LaneCase& c, const WaveWindow& wave = {})
      : case_(c), inputs_(c.program.inputs()), rtl_(wave) {
    stream_.ports = dataflow::lanePortNames();
    configure();
    rtl_.reset();
    for (std::uint32_t k = 0; k < inputs_; ++k) offers_[k].begin(c, k);
  }
  PcuLaneRtlDriver(const PcuLaneRtlDriver&) = delete;
  PcuLaneRtlDriver& operator=(const PcuLaneRtlDriver&) = delete;

  /// The consumer has taken every result (or the RTL hung).
  bool done() const { return taken_ == case_.tokens || hung(); }
  /// No input accepted and no result written or taken for RtlHarness's kHangCycles cycles.
  bool hung() const { return rtl_.hung(); }
  /// Results the consumer has taken.
  std::uint64_t taken() const { return taken_; }
  /// Runs one cycle; false once done().
  bool step() {
    if (done()) return false;
    const Cycle now = rtl_.cycle();
    std::uint32_t valid = 0;
    for (std::uint32_t k = 0; k < inputs_; ++k)
      if (offers_[k].offering(case_, now)) {
        valid |= 1u << k;
        top().in_data[k] = static_cast<std::uint32_t>(case_.values[k][offers_[k].next]);
      }
    top().in_valid = valid;
    top().out_ready = case_.stall.ready(now);
    rtl_.settle();
    const std::uint32_t accepted = valid & top().in_ready;
    for (std::uint32_t k = 0; k < inputs_; ++k)
      if (accepted >> k & 1) emit(now, dataflow::kLaneInPort, k, case_.values[k][offers_[k].next]);
    if (top().res_valid) emit(now, dataflow::kLaneResultPort, 0, signedData(top().res_data));
    if (top().out_valid && top().out_ready) {
      emit(now, dataflow::kLaneOutPort, 0, signedData(top().out_data));
      ++taken_;
    }
    if (accepted || top().res_valid || (top().out_valid && top().out_ready)) rtl_.progressed();
    rtl_.rise();
    for (std::uint32_t k = 0; k < inputs_; ++k)
      if (accepted >> k & 1) offers_[k].accepted(case_, k, now);
    return !done();
  }
  /// Cycles the case took: the last output handshake + 1.
  Cycle cycles() const { return rtl_.cycle(); }
  const cosim::Stream& stream() const { return stream_; }

 private:
  static std::int64_t signedData(std::uint32_t v) { return static_cast<std::int32_t>(v); }
  static void setBits(auto& wide, unsigned at, unsigned bits, std::uint32_t v) {
    for (unsigned b = 0; b < bits; ++b) {
      auto& word = wide[(at + b) / 32];
      const std::uint32_t mask = 1u << ((at + b) % 32);
      word = (v >> b & 1) ? (word | mask) : (word & ~mask);
    }
  }
  void configure() {
    top().cfg_stages = case_.stages;
    top().cfg_ii = case_.ii;
    top().cfg_inputs = inputs_;
    top().cfg_in_depth = case_.inputDepth;
    top().cfg_out_depth = case_.outputDepth;
    std::uint32_t ops = 0;
    const auto& stages = case_.program.stages();
    for (std::uint32_t s = 0; s < dataflow::kLaneMaxStages; ++s) {
      dataflow::StageOp st;  // an unmapped stage passes the previous result on
      st.op = dataflow::Op::kPass;
      st.operands[0] = dataflow::OperandSource::kPrevious;
      if (s < stages.size()) st = stages[s];
      ops |= opCode(st.op) << (3 * s);
      for (unsigned k = 0; k < 3; ++k)
        setBits(top().cfg_sel, 9 * s + 3 * k, 3, static_cast<std::uint32_t>(st.operands[k]));
      top().cfg_const[s] = static_cast<std::uint32_t>(st.constant);
    }
    top().cfg_op = ops;
  }
  /// pcu_lane.sv's op codes: 0 pass, 1 add, 2 sub, 3 mul, 4 max, 5 fma.
  static std::uint32_t opCode(dataflow::Op op) {
    switch (op) {
      case dataflow::Op::kAdd:
        return 1;
      case dataflow::Op::kSub:
        return 2;
      case dataflow::Op::kMul:
        return 3;
      case dataflow::Op::kMax:
        return 4;
      case dataflow::Op::kFma:
        return 5;
      default:
        return 0;
    }
  }
  void emit(Cycle now, dataflow::LanePort port, std::uint32_t lane, std::int64_t v) {
    stream_.records.push_back({now, port, static_cast<std::uint16_t>(lane), v});
  }
  V& top() { return rtl_.top(); }

  const dataflow::LaneCase& case_;
  const std::uint32_t inputs_;
  cosim::Stream stream_;
  RtlHarness<V> rtl_;
  std::array<dataflow::InputOffer, dataflow::kLaneInputs> offers_{};
  std::uint64_t taken_ = 0;
};

}  // namespace xpusim::rtl
