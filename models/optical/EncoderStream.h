#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/optical/DmdLayout.h"
#include "models/optical/InputEncoder.h"
#include "sim/cosim/StreamRecord.h"

namespace xpusim::optical {

/// Port indices of the input encoder's canonical co-simulation stream.
enum EncoderPort : std::uint16_t {
  kSamplePort,   ///< a sample accepted: lane = its lane in the beat, value = raw fixed point
  kRowWordPort,  ///< a DMD row word written: lane = row, value = mirrors (bit c = column c)
  kRowPlanePort  ///< the same row word's plane index: lane = row, value = plane of the vector
};

/// The ports' names, in EncoderPort order.
std::vector<std::string> encoderPortNames();

/// Fraction bits of the encoder's samples (signed 16-bit Q7.8: value = raw / 256).
inline constexpr unsigned kEncoderFractionBits = 8;

/// Cycle law of the input encoder (rtl/optical/input_encoder.sv) with the samples always
/// offered and the DMD always ready: a vector of n features is B = ceil(n / lanes) beats, one
/// per cycle, then planes x height row words, one per cycle (plane-major, rows in order); the
/// next vector starts after its last row word (one vector buffer, no overlap: a DMD frame
/// period is ~10^4 encoder cycles, so overlap would not change the frame rate).
struct EncoderTiming {
  std::uint64_t lanes = 4, features = 1, planes = 1, height = 1;

  std::uint64_t beats() const { return (features + lanes - 1) / lanes; }
  /// Cycles per vector: B + planes x height.
  Cycle vectorCycles() const { return beats() + planes * height; }
  /// Cycle of beat b of vector v.
  Cycle beatStamp(std::uint64_t v, std::uint64_t b) const { return v * vectorCycles() + b; }
  /// Cycle of row r of plane p of vector v.
  Cycle rowStamp(std::uint64_t v, std::uint64_t p, std::uint64_t r) const {
    return v * vectorCycles() + beats() + p * height + r;
  }
};

/// The model's canonical stream of the input encoder for `vectors` vectors of `features` raw
/// Q7.8 samples (row-major) beat by beat: the samples encoded as one batch by `encoder`
/// (InputEncoder::encode on raw / 256), each frame laid out by `layout` (width <= 64 mirrors,
/// one word per row), stamped by EncoderTiming. `delayFrom` (test-only perturbation) delays
/// every record at or after that cycle by one.
cosim::Stream encoderStream(const InputEncoder& encoder, const DmdLayout& layout,
                            const std::vector<std::int64_t>& samples, std::uint64_t vectors,
                            std::uint64_t features, std::uint64_t lanes,
                            Cycle delayFrom = std::numeric_limits<Cycle>::max());

/// Raw Q7.8 samples as the model's real inputs (raw / 256, exact).
std::vector<double> encoderInputs(const std::vector<std::int64_t>& samples);

}  // namespace xpusim::optical
