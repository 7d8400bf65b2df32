#include "models/pim/PimFunctional.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/pim/ActivationLut.h"
#include "models/pim/Half.h"

namespace xpusim {

namespace {

constexpr double kHalfRoundoff = 0x1.0p-11;
constexpr double kFloatRoundoff = 0x1.0p-24;

Half randomHalf(Random& r) {
  return Half::fromDouble(r.uniform() * 2 - 1);
}

void record(PimCheck& c, double device, double reference, double bound) {
  const double err = std::fabs(device - reference);
  c.maxAbsError = std::max(c.maxAbsError, err);
  const double share = bound > 0 ? err / bound : (err == 0 ? 0 : INFINITY);
  c.maxErrorShare = std::max(c.maxErrorShare, share);
  if (!(share <= 1)) c.passed = false;
  ++c.values;
}

/// Records one FP16 GEMV output, through the activation's LUT when the step has one.
void recordFp16(PimCheck& c, const PimStep& s, const ActivationLut& lut, double device,
                double reference, double bound) {
  if (s.activation == PimActivation::kNone) {
    record(c, device, reference, bound);
    return;
  }
  const Half input = Half::fromDouble(device);
  const double out = lut.evaluate(input).toDouble();
  const double ref = lut.reference(reference);
  const double inputError = bound + kHalfRoundoff * std::fabs(device);
  const double outBound = lut.maxSlope() * inputError + kHalfRoundoff * std::fabs(ref) +
                          4 * kFloatRoundoff * (8 + std::fabs(device)) + 0x1.0p-25;
  record(c, out, ref, outBound);
  c.maxFunctionError = std::max(c.maxFunctionError, std::fabs(out - lut.exact(reference)));
}

void gemvFp16(const PimStep& s, const PimUnitSpec& u, Random& r, PimCheck& c) {
  const std::uint64_t K = s.cols, lanes = u.lanes;
  const std::uint64_t tile = std::max<std::uint64_t>(u.operandBufferBytes / 2, 1);
  const bool fp16Acc = u.accumulate == PimUnitSpec::Accumulate::kFp16;
  const bool tilesOuter = u.loopOrder == PimUnitSpec::LoopOrder::kTilesOuter;
  const bool halfResult = u.resultBytes == 2;
  const ActivationLut lut(s.activation);
  std::vector<Half> x(K), w(K);
  std::vector<Half> accH(lanes);
  std::vector<float> accF(lanes);
  for (std::uint64_t g = 0; g < s.count; ++g) {
    for (auto& v : x) v = randomHalf(r);
    for (std::uint64_t row = 0; row < s.rows; ++row) {
      for (auto& v : w) v = randomHalf(r);
      double reference = 0, magnitude = 0;
      for (std::uint64_t k = 0; k < K; ++k) {
        const double p = w[k].toDouble() * x[k].toDouble();  // exact
        reference += p;
        magnitude += std::fabs(p);
      }
      float host = 0;
      auto laneSum = [&] {  // lanes reduced in FP32, then cleared
        float sum = 0;
        for (std::uint64_t l = 0; l < lanes; ++l) {
          sum += fp16Acc ? static_cast<float>(accH[l].toDouble()) : accF[l];
          accH[l] = Half();
          accF[l] = 0;
        }
        return sum;
      };
      std::fill(accH.begin(), accH.end(), Half());
      std::fill(accF.begin(), accF.end(), 0.0f);
      for (std::uint64_t k = 0; k < K; ++k) {
        const std::uint64_t l = k % lanes;
        if (fp16Acc)  // FP16 MUL then FP16 ADD, each rounded
          accH[l] = accH[l] + w[k] * x[k];
        else  // the 22-bit product is exact in FP32; only the FP32 add rounds
          accF[l] += static_cast<float>(w[k].toDouble() * x[k].toDouble());
        if (tilesOuter && ((k + 1) % tile == 0 || k + 1 == K)) {
          const float partial = laneSum();
          host += halfResult ? static_cast<float>(Half::fromDouble(partial).toDouble()) : partial;
        }
      }
      if (!tilesOuter) host = laneSum();
      const double tiles = static_cast<double>((K + tile - 1) / tile);
      const double accTerms = static_cast<double>(tilesOuter ? std::min(K, tile) : K) / lanes + 1;
      double gamma = (accTerms + 1) * (fp16Acc ? kHalfRoundoff : kFloatRoundoff) +
                     (lanes + tiles + 2) * kFloatRoundoff;
      if (tilesOuter && halfResult) gamma += kHalfRoundoff;
      recordFp16(c, s, lut, host, reference, gamma * magnitude);
    }
  }
}

void gemvInt8(const PimStep& s, Random& r, PimCheck& c) {
  std::vector<std::int32_t> x(s.cols), w(s.cols);
  const ActivationLut lut(s.activation);
  const int shift = 8 + static_cast<int>(std::ceil(std::log2(static_cast<double>(s.cols)))) / 2;
  auto i8 = [&] { return static_cast<std::int32_t>(r.below(256)) - 128; };
  for (std::uint64_t g = 0; g < s.count; ++g) {
    for (auto& v : x) v = i8();
    for (std::uint64_t row = 0; row < s.rows; ++row) {
      std::int64_t reference = 0;
      std::int32_t device = 0;  // int32 accumulator; |sum| <= K x 2^14 fits for K < 2^17
      for (std::uint64_t k = 0; k < s.cols; ++k) {
        w[k] = i8();
        reference += std::int64_t{w[k]} * x[k];
        device += w[k] * x[k];
      }
      if (s.activation == PimActivation::kNone) {
        record(c, device, static_cast<double>(reference), 0);
        continue;
      }
      auto code = [&](std::int64_t acc) {
        return static_cast<std::int8_t>(std::clamp<std::int64_t>(acc >> shift, -128, 127));
      };
      const std::int8_t out = lut.evaluateInt8(code(device));
      record(c, out, lut.evaluateInt8(code(reference)), 0);
      const double exactInput =
          std::ldexp(static_cast<double>(reference), -shift) * ActivationLut::kInt8InputScale;
      c.maxFunctionError = std::max(c.maxFunctionError,
                                    std::fabs(out * lut.int8OutputScale() - lut.exact(exactInput)));
    }
  }
}

void eltwise(const PimStep& s, Random& r, PimCheck& c) {
  for (std::uint64_t i = 0; i < s.elements; ++i) {
    if (s.dtype == PimDataType::kInt8) {
      const auto a = static_cast<std::int32_t>(r.below(256)) - 128;
      const auto b = static_cast<std::int32_t>(r.below(256)) - 128;
      // INT8 results saturate to [-128, 127], as the device's 8-bit lanes do.
      const std::int64_t exact = s.op == PimStep::Op::kAdd   ? a + b
                                 : s.op == PimStep::Op::kMul ? a * b
                                                             : std::max(a, 0);
      const std::int32_t device =
          static_cast<std::int32_t>(std::clamp<std::int64_t>(exact, -128, 127));
      record(c, device, static_cast<double>(std::clamp<std::int64_t>(exact, -128, 127)), 0);
      continue;
    }
    const Half a = randomHalf(r), b = randomHalf(r);
    const double exact = s.op == PimStep::Op::kAdd   ? a.toDouble() + b.toDouble()
                         : s.op == PimStep::Op::kMul ? a.toDouble() * b.toDouble()
                                                     : std::max(a.toDouble(), 0.0);
    const Half device = s.op == PimStep::Op::kAdd   ? a + b
                        : s.op == PimStep::Op::kMul ? a * b
                                                    : (a.toDouble() > 0 ? a : Half());
    record(c, device.toDouble(), exact, kHalfRoundoff * std::fabs(exact) + 0x1.0p-25);
  }
}

}  // namespace

PimCheck checkStep(const PimStep& step, const PimUnitSpec& unit, Random& random) {
  PimCheck c;
  if (step.kind == PimStep::Kind::kEltwise)
    eltwise(step, random, c);
  else if (step.dtype == PimDataType::kInt8)
    gemvInt8(step, random, c);
  else
    gemvFp16(step, unit, random, c);
  return c;
}

}  // namespace xpusim
