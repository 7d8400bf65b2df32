#include "models/optical/InputEncoder.h"

#include <algorithm>
#include <cmath>

namespace xpusim::optical {

unsigned InputEncoder::planes() const {
  if (spec_.kind == EncodingSpec::Kind::kThreshold) return 1;
  return spec_.isSigned ? 2 * spec_.precision : spec_.precision;
}

std::int64_t InputEncoder::weight(unsigned p) const {
  if (spec_.kind == EncodingSpec::Kind::kThreshold) return 1;
  const unsigned bit = p % spec_.precision;
  const std::int64_t w = std::int64_t{1} << (spec_.precision - 1 - bit);
  return p < spec_.precision ? w : -w;
}

double InputEncoder::step(double maxAbs) const {
  if (spec_.kind == EncodingSpec::Kind::kThreshold || maxAbs == 0) return 1;
  return maxAbs / static_cast<double>((std::uint64_t{1} << spec_.precision) - 1);
}

std::int64_t InputEncoder::quantise(double x, double maxAbs) const {
  if (spec_.kind == EncodingSpec::Kind::kThreshold) return x > spec_.threshold ? 1 : 0;
  if (maxAbs == 0) return 0;
  const std::int64_t levels = (std::int64_t{1} << spec_.precision) - 1;
  std::int64_t q = std::min<std::int64_t>(
      std::llround(std::fabs(x) * static_cast<double>(levels) / maxAbs), levels);
  if (x < 0 && !spec_.isSigned) q = 0;  // an unsigned encoder clips negative values to 0
  return x < 0 ? -q : q;
}

double InputEncoder::maxAbs(const double* x, std::size_t count) {
  double m = 0;
  for (std::size_t i = 0; i < count; ++i) m = std::max(m, std::fabs(x[i]));
  return m;
}

double InputEncoder::encode(const double* x, std::size_t count, std::uint64_t n,
                            BitFrames& frames) const {
  const double m = spec_.kind == EncodingSpec::Kind::kBitPlane ? maxAbs(x, count * n) : 0;
  const unsigned p = planes();
  for (std::size_t v = 0; v < count; ++v) {
    const std::size_t first = frames.count();
    for (unsigned k = 0; k < p; ++k) frames.add();
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::int64_t q = quantise(x[v * n + i], m);
      if (q == 0) continue;
      if (spec_.kind == EncodingSpec::Kind::kThreshold) {
        frames.set(first, i);
        continue;
      }
      const std::uint64_t mag = static_cast<std::uint64_t>(q < 0 ? -q : q);
      const unsigned base = q < 0 ? spec_.precision : 0;
      for (unsigned b = 0; b < spec_.precision; ++b)
        if ((mag >> (spec_.precision - 1 - b)) & 1) frames.set(first + base + b, i);
    }
  }
  return step(m);
}

}  // namespace xpusim::optical
