#include "models/pim/ActivationLut.h"

#include <algorithm>
#include <cmath>

namespace xpusim {

ActivationLut::ActivationLut(PimActivation f) : f_(f) {
  const bool linearTail = f == PimActivation::kRelu || f == PimActivation::kGelu;
  tailSlope_ = linearTail ? 1 : 0;
  maxSlope_ = tailSlope_;
  for (int i = 0; i < kPoints; ++i) {
    table_[static_cast<std::size_t>(i)] = Half::fromDouble(exact(kMin + i * kStep));
    if (i > 0)
      maxSlope_ =
          std::max(maxSlope_, std::fabs(table_[static_cast<std::size_t>(i)].toDouble() -
                                        table_[static_cast<std::size_t>(i - 1)].toDouble()) /
                                  kStep);
  }
  const double out = linearTail ? 16 : 64;
  outputScale8_ = 1 / out;
  for (int q = -128; q < 128; ++q) {
    const double code = std::nearbyint(exact(q * kInt8InputScale) * out);
    table8_[static_cast<std::uint8_t>(q)] =
        static_cast<std::int8_t>(std::clamp(code, -128.0, 127.0));
  }
}

double ActivationLut::exact(double x) const {
  switch (f_) {
    case PimActivation::kRelu:
      return std::max(x, 0.0);
    case PimActivation::kGelu:
      return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
    case PimActivation::kSigmoid:
      return 1 / (1 + std::exp(-x));
    case PimActivation::kTanh:
      return std::tanh(x);
    case PimActivation::kNone:
      break;
  }
  return x;
}

Half ActivationLut::evaluate(Half x) const {
  const double v = x.toDouble();
  if (std::isnan(v)) return x;
  if (v <= kMin) return table_.front();
  if (v >= kMax) {
    const float y = static_cast<float>(table_.back().toDouble()) +
                    static_cast<float>(v - kMax) * static_cast<float>(tailSlope_);
    return Half::fromDouble(y);
  }
  const double pos = (v - kMin) / kStep;  // exact: an FP16 value times 16, plus 128
  const auto i = static_cast<std::size_t>(std::floor(pos));
  const auto t = static_cast<float>(pos - static_cast<double>(i));
  const auto a = static_cast<float>(table_[i].toDouble());
  const auto b = static_cast<float>(table_[i + 1].toDouble());
  return Half::fromDouble(a + t * (b - a));
}

double ActivationLut::reference(double v) const {
  if (v <= kMin) return table_.front().toDouble();
  if (v >= kMax) return table_.back().toDouble() + (v - kMax) * tailSlope_;
  const double pos = (v - kMin) / kStep;
  const auto i = static_cast<std::size_t>(std::floor(pos));
  const double t = pos - static_cast<double>(i);
  const double a = table_[i].toDouble(), b = table_[i + 1].toDouble();
  return a + t * (b - a);
}

}  // namespace xpusim
