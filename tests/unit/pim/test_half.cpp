// The FP16 software type: exact round-to-nearest-even conversions and single-rounding
// arithmetic (IEEE 754 binary16: 1 sign, 5 exponent, 10 fraction bits).
#include <catch2/catch.hpp>
#include <cmath>

#include "models/pim/Half.h"

using xpusim::Half;

TEST_CASE("Half converts the binary16 landmarks exactly", "[pim][half]") {
  CHECK(Half::fromDouble(1.0).bits() == 0x3c00);
  CHECK(Half::fromDouble(-2.0).bits() == 0xc000);
  CHECK(Half::fromDouble(65504.0).bits() == 0x7bff);             // largest finite
  CHECK(Half::fromDouble(65519.99).bits() == 0x7bff);            // below the rounding midpoint
  CHECK(Half::fromDouble(65520.0).bits() == 0x7c00);             // midpoint rounds to infinity
  CHECK(Half::fromDouble(std::ldexp(1, -14)).bits() == 0x0400);  // smallest normal
  CHECK(Half::fromDouble(std::ldexp(1, -24)).bits() == 0x0001);  // smallest subnormal
  CHECK(Half::fromDouble(std::ldexp(1, -25)).bits() == 0x0000);  // tie to even (0)
  CHECK(Half::fromDouble(std::ldexp(3, -25)).bits() == 0x0002);  // tie to even (2)
  // 1 + 2^-11 lies half-way between 1 and 1 + 2^-10: ties to the even fraction (1.0).
  CHECK(Half::fromDouble(1 + std::ldexp(1, -11)).bits() == 0x3c00);
  CHECK(Half::fromDouble(1 + std::ldexp(3, -11)).bits() == 0x3c02);
  CHECK(std::isnan(Half::fromDouble(NAN).toDouble()));
}

TEST_CASE("Half round-trips every finite bit pattern", "[pim][half]") {
  for (std::uint32_t b = 0; b < 0x10000; ++b) {
    const Half h = Half::fromBits(static_cast<std::uint16_t>(b));
    if (std::isnan(h.toDouble())) continue;
    REQUIRE(Half::fromDouble(h.toDouble()).bits() == b);
  }
}

TEST_CASE("Half arithmetic rounds once", "[pim][half]") {
  const Half one = Half::fromDouble(1.0), tiny = Half::fromDouble(std::ldexp(1, -11));
  CHECK((one + tiny).bits() == 0x3c00);  // exact sum 1 + 2^-11 is a tie: rounds to 1
  const Half a = Half::fromDouble(1 + std::ldexp(1, -10));
  // (1 + 2^-10)^2 = 1 + 2^-9 + 2^-20: rounds to 1 + 2^-9 (fraction 2).
  CHECK((a * a).bits() == 0x3c02);
}
