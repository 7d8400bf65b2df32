#pragma once
#include <cstdint>

#include "models/optical/BitFrames.h"

namespace xpusim::optical {

/// How real inputs become binary DMD frames (lightonml's encoders).
struct EncodingSpec {
  enum class Kind { kThreshold, kBitPlane };
  Kind kind = Kind::kThreshold;
  double threshold = 0;    ///< kThreshold: pixel on when x > threshold
  unsigned precision = 1;  ///< kBitPlane: bits per magnitude (one frame per bit)
  bool isSigned = false;   ///< kBitPlane: separate planes for the negative part (2x frames)
};

/// Encodes input vectors into frames and says how to recombine per-frame outputs.
///
/// Threshold: one frame, pixel = (x > threshold), weight 1, step 1.
/// Bit-plane (lightonml SeparatedBitPlanEncoder): with M = max |x| over the encoded batch and
/// L = 2^precision - 1, the quantised magnitude is q = round(|x| * L / M) (half away from zero;
/// computed in that order it is exact for fixed-point inputs of up to 45 significant bits, as
/// the RTL encoder's divider computes it: rtl/optical/input_encoder.sv), in `precision`
/// planes MSB first (weight 2^(precision-1-b)); a signed encoder repeats the planes for the
/// negative part with negative weights. The decoded output is step * sum_p weight_p * y_p with
/// step = M / L, which for a linear map equals the map of the quantised input sign * q * step.
class InputEncoder {
 public:
  explicit InputEncoder(EncodingSpec spec) : spec_(spec) {}

  /// Frames per input vector.
  unsigned planes() const;
  /// Signed integer weight of plane `p` of a vector.
  std::int64_t weight(unsigned p) const;
  /// The quantisation step of a batch whose largest magnitude is `maxAbs` (1 for threshold).
  double step(double maxAbs) const;
  /// Quantised signed integer of `x` in a batch whose largest magnitude is `maxAbs`
  /// (bit-plane); 0/1 for threshold.
  std::int64_t quantise(double x, double maxAbs) const;
  /// The largest magnitude of `count` values (M of a batch).
  static double maxAbs(const double* x, std::size_t count);
  /// Appends planes() frames per vector for `count` vectors of `n` values (row-major) and
  /// returns the batch step.
  double encode(const double* x, std::size_t count, std::uint64_t n, BitFrames& frames) const;

  const EncodingSpec& spec() const { return spec_; }

 private:
  EncodingSpec spec_;
};

}  // namespace xpusim::optical
