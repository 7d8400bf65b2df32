#pragma once
#include <array>
#include <cstdint>

#include "models/pim/Half.h"
#include "models/pim/PimKernel.h"

namespace xpusim {

/// The activation-function look-up table of an AiM bank unit (held in reserved DRAM word lines)
/// and the rule the unit evaluates it with.
///
/// FP16 path: kPoints = 257 table points x_i = -8 + i / 16 (i = 0..256, 256 segments of 1/16),
/// entries f(x_i) rounded to FP16. For an FP16 input x in [-8, 8]: i = floor((x + 8) x 16),
/// t = (x + 8) x 16 - i (exact), y = L[i] + t x (L[i+1] - L[i]) computed in FP32 and rounded once
/// to FP16. Outside the table the function continues with its asymptotic slope: below -8 the
/// value L[0]; above 8, L[256] + (x - 8) x s with s = 1 for ReLU and GELU, 0 for sigmoid and tanh.
///
/// INT8 path: a 256-entry int8 -> int8 table. Input code q means q / 16 (range [-8, 7.9375]);
/// the output code is round(f(q / 16) x outputScale) saturated to [-128, 127], outputScale = 16
/// for ReLU and GELU, 64 for sigmoid and tanh.
class ActivationLut {
 public:
  static constexpr int kPoints = 257;
  static constexpr double kMin = -8, kMax = 8, kStep = 1.0 / 16;
  static constexpr double kInt8InputScale = 1.0 / 16;

  explicit ActivationLut(PimActivation f);

  /// The function itself, in double (GELU: the exact erf form x/2 (1 + erf(x / sqrt 2))).
  double exact(double x) const;
  /// The unit's FP16 evaluation.
  Half evaluate(Half x) const;
  /// The same LUT rule in double without the FP32/FP16 roundings (the functional reference).
  double reference(double x) const;
  /// Largest slope of the interpolant (table segments and tails): the error amplification.
  double maxSlope() const { return maxSlope_; }
  /// FP16 table entry i.
  Half entry(int i) const { return table_[static_cast<std::size_t>(i)]; }

  /// The INT8 table: output code of input code q.
  std::int8_t evaluateInt8(std::int8_t q) const { return table8_[static_cast<std::uint8_t>(q)]; }
  /// Real value of one INT8 output code.
  double int8OutputScale() const { return outputScale8_; }

 private:
  PimActivation f_;
  std::array<Half, kPoints> table_{};
  std::array<std::int8_t, 256> table8_{};
  double tailSlope_ = 0, maxSlope_ = 0, outputScale8_ = 1;
};

}  // namespace xpusim
