#pragma once
#include <cstdint>

#include "models/pim/PimKernel.h"
#include "models/pim/PimUnitSpec.h"
#include "sim/core/Random.h"

namespace xpusim {

/// Result of computing a kernel step with real values on the device's datapath and comparing
/// it with a reference computed in double precision (exact for these sizes up to one rounding).
struct PimCheck {
  bool passed = true;
  std::uint64_t values = 0;  ///< outputs compared
  double maxAbsError = 0;    ///< largest |device - reference|
  double maxErrorShare = 0;  ///< largest error over its allowed bound (<= 1 passes)
  /// With an activation: largest |device output - exact function of the exact GEMV value|.
  double maxFunctionError = 0;
};

/// Computes one step as the units do, lane by lane, and checks it.
///
/// GEMV FP16: each unit lane multiplies and accumulates in the unit's precision (FP16: the
/// product and the sum each rounded to FP16; FP32: the exact product added in FP32), lane l taking
/// the elements k = l mod lanes of each burst; with rows_outer the lanes accumulate over the whole
/// row and the host adds the lane partials in FP32, with tiles_outer the unit reduces the lanes per
/// vector tile in FP32, returns the sum rounded to FP16 when result_bytes is 2, and the host adds
/// the tiles in FP32. The bound is Higham's worst case for that order: (terms x unit roundoff) x
/// sum |w x|. GEMV INT8: int8 x int8 into int32, compared exactly. Element-wise FP16: one rounding
/// per output (ReLU exact). Operands are uniform in [-1, 1) (INT8: [-128, 127]).
///
/// GEMV with an activation (ActivationLut): FP16: the row's value rounded to FP16 goes through
/// the unit's LUT rule; the reference is the same LUT rule in double applied to the exact value;
/// the bound is the GEMV bound plus the input rounding, both times the interpolant's largest
/// slope, plus the output's FP16 rounding and the FP32 interpolation. INT8: the int32 value is
/// requantised to an int8 code, q = saturate(acc >> (8 + ceil(log2 cols) / 2)) (arithmetic
/// shift), then looked up in the int8 table; compared exactly with the same rule on the exact sum.
PimCheck checkStep(const PimStep& step, const PimUnitSpec& unit, Random& random);

}  // namespace xpusim
