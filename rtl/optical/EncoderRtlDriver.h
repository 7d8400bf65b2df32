#pragma once
#include <cstdint>
#include <vector>

#include "models/optical/DmdLayout.h"
#include "models/optical/EncoderStream.h"
#include "models/optical/InputEncoder.h"
#include "rtl/cosim/RtlHarness.h"
#include "sim/cosim/StreamRecord.h"

namespace xpusim::rtl {

/// Sizes the input encoder RTL is synthesised at (rtl/optical/input_encoder.sv parameters).
struct EncoderRtlLimits {
  static constexpr std::uint64_t kLanes = 4;           ///< LANES: samples per beat
  static constexpr unsigned kMaxPrecision = 8;         ///< PMAX
  static constexpr std::uint64_t kMaxWidth = 64;       ///< WMAX: mirrors per row word
  static constexpr std::uint64_t kMaxFeatures = 1024;  ///< MAXPIX
  static constexpr std::uint64_t kMaxRows = 65535;     ///< rows per frame (IW = 16 bits)
};

/// Drives the Verilated `input_encoder` (either build `V`: plain or traced) through a batch of
/// raw Q7.8 samples, one clock cycle per step(): it offers the beats (LANES samples, a vector
/// starting on a fresh beat, lanes past the vector zero) on the sample port while any remain,
/// keeps the DMD side ready, and records the canonical stream at the same observation points
/// as optical::encoderStream. `maxAbs` is the batch's max |raw| (cfg_max_abs), `threshold` the
/// raw threshold. Cycle n is the n-th rising edge after reset; a beat or row word firing in
/// cycle n is sampled before that edge.
template <class V>
class EncoderRtlDriver {
 public:
  EncoderRtlDriver(const optical::EncodingSpec& spec, std::int64_t threshold, std::int64_t maxAbs,
                   const optical::DmdLayout& layout, const std::vector<std::int64_t>& samples,
                   std::uint64_t features, const WaveWindow& wave = {})
      : samples_(samples),
        features_(features),
        beatsPerVector_((features + EncoderRtlLimits::kLanes - 1) / EncoderRtlLimits::kLanes),
        beats_(samples.size() / features * beatsPerVector_),
        rows_(samples.size() / features * optical::InputEncoder(spec).planes() * layout.height),
        rtl_(wave) {
    stream_.ports = optical::encoderPortNames();
    V& t = top();
    t.cfg_bitplane = spec.kind == optical::EncodingSpec::Kind::kBitPlane;
    t.cfg_signed = spec.isSigned;
    t.cfg_precision = static_cast<std::uint8_t>(spec.precision);
    t.cfg_threshold = static_cast<std::uint16_t>(threshold);
    t.cfg_max_abs = static_cast<std::uint16_t>(maxAbs);
    t.cfg_features = static_cast<std::uint16_t>(features);
    t.cfg_width = static_cast<std::uint8_t>(layout.width);
    t.cfg_col0 = static_cast<std::uint8_t>(layout.col0);
    t.cfg_cols = static_cast<std::uint8_t>(layout.cols);
    t.cfg_height = static_cast<std::uint16_t>(layout.height);
    t.cfg_row0 = static_cast<std::uint16_t>(layout.row0);
    t.cfg_pad = layout.pad;
    t.in_valid = 0;
    t.out_ready = 1;
    rtl_.reset();
  }
  EncoderRtlDriver(const EncoderRtlDriver&) = delete;
  EncoderRtlDriver& operator=(const EncoderRtlDriver&) = delete;

  /// The last row word has been written (or the RTL hung).
  bool done() const { return rowsWritten_ == rows_ || hung(); }
  /// No beat accepted and no row word written for kHangCycles cycles.
  bool hung() const { return rtl_.hung(); }
  /// Runs one cycle; false once done().
  bool step() {
    if (done()) return false;
    const Cycle now = rtl_.cycle();
    present();
    rtl_.settle();
    V& t = top();
    if (t.in_valid && t.in_ready) {
      acceptBeat(now);
      rtl_.progressed();
    }
    if (t.out_valid && t.out_ready) {
      rtl_.progressed();
      const auto row = static_cast<std::uint16_t>(t.out_row);
      stream_.records.push_back(
          {now, optical::kRowWordPort, row, static_cast<std::int64_t>(t.out_word)});
      stream_.records.push_back(
          {now, optical::kRowPlanePort, row, static_cast<std::int64_t>(t.out_plane)});
      ++rowsWritten_;
    }
    rtl_.rise();
    return !done();
  }
  /// Cycles the batch took: the last row word's cycle + 1.
  Cycle cycles() const { return rtl_.cycle(); }
  const cosim::Stream& stream() const { return stream_; }

 private:
  /// Sample index of lane `l` of beat `beat`, or features_ past the vector's end.
  std::uint64_t sampleIndex(std::uint64_t beat, std::uint64_t l) const {
    const std::uint64_t i = beat % beatsPerVector_ * EncoderRtlLimits::kLanes + l;
    return i < features_ ? beat / beatsPerVector_ * features_ + i : samples_.size();
  }
  void present() {
    V& t = top();
    t.in_valid = beatsSent_ < beats_;
    std::uint64_t data = 0;
    for (std::uint64_t l = 0; l < EncoderRtlLimits::kLanes && t.in_valid; ++l) {
      const std::uint64_t i = sampleIndex(beatsSent_, l);
      if (i < samples_.size())
        data |= std::uint64_t{static_cast<std::uint16_t>(samples_[i])} << (16 * l);
    }
    t.in_data = data;
  }
  void acceptBeat(Cycle now) {
    for (std::uint64_t l = 0; l < EncoderRtlLimits::kLanes; ++l) {
      const std::uint64_t i = sampleIndex(beatsSent_, l);
      if (i >= samples_.size()) break;
      const auto raw = static_cast<std::int16_t>(top().in_data >> (16 * l));
      stream_.records.push_back(
          {now, optical::kSamplePort, static_cast<std::uint16_t>(l), std::int64_t{raw}});
    }
    ++beatsSent_;
  }

  V& top() { return rtl_.top(); }

  const std::vector<std::int64_t>& samples_;
  const std::uint64_t features_, beatsPerVector_, beats_, rows_;
  cosim::Stream stream_;
  RtlHarness<V> rtl_;
  std::uint64_t beatsSent_ = 0, rowsWritten_ = 0;
};

}  // namespace xpusim::rtl
