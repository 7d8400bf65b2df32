#pragma once
#include <cmath>
#include <cstdint>

namespace xpusim {

/// IEEE 754 binary16 (FP16) with exact conversions: every conversion from double rounds once,
/// to nearest with ties to even (overflow to infinity, gradual underflow). Sums and products
/// of two halves are formed exactly in double and rounded once, so `a + b` and `a * b` are the
/// correctly rounded FP16 operations a PIM FP16 ALU performs.
class Half {
 public:
  Half() = default;
  static Half fromBits(std::uint16_t bits) {
    Half h;
    h.bits_ = bits;
    return h;
  }
  static Half fromDouble(double v) {
    const std::uint16_t sign = std::signbit(v) ? 0x8000 : 0;
    const double a = std::fabs(v);
    if (std::isnan(v)) return fromBits(sign | 0x7e00);
    if (a >= 65520.0) return fromBits(sign | 0x7c00);  // rounds past the largest finite, 65504
    int e = 0;
    std::frexp(a, &e);  // a = m * 2^e, m in [0.5, 1)
    if (a == 0 ||
        e - 1 < -14) {  // subnormal: multiples of 2^-24 (1024 * 2^-24 is the smallest normal)
      const auto q = static_cast<std::uint16_t>(std::nearbyint(std::ldexp(a, 24)));
      return fromBits(sign | q);
    }
    auto q = static_cast<std::uint32_t>(std::nearbyint(std::ldexp(a, 10 - (e - 1))));  // 1024..2048
    if (q == 2048) q = 1024, ++e;
    const int field = e - 1 + 15;
    if (field >= 31) return fromBits(sign | 0x7c00);
    return fromBits(static_cast<std::uint16_t>(sign | (field << 10) | (q - 1024)));
  }
  double toDouble() const {
    const int field = (bits_ >> 10) & 0x1f;
    const int mant = bits_ & 0x3ff;
    const double s = (bits_ & 0x8000) ? -1.0 : 1.0;
    if (field == 0) return s * std::ldexp(mant, -24);
    if (field == 31) return mant ? NAN : s * INFINITY;
    return s * std::ldexp(1024 + mant, field - 25);
  }
  std::uint16_t bits() const { return bits_; }

  friend Half operator+(Half a, Half b) { return fromDouble(a.toDouble() + b.toDouble()); }
  friend Half operator*(Half a, Half b) { return fromDouble(a.toDouble() * b.toDouble()); }

 private:
  std::uint16_t bits_ = 0;
};

}  // namespace xpusim
