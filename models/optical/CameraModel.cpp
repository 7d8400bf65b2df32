#include "models/optical/CameraModel.h"

#include <algorithm>
#include <cmath>

namespace xpusim::optical {

CameraModel::CameraModel(CameraSpec spec, std::uint64_t noiseSeed)
    : spec_(spec),
      gain_(spec.gainPerMicrosecond * static_cast<double>(spec.exposure) /
            static_cast<double>(kMicrosecond)),
      noise_(noiseSeed, kStreamNoise) {}

std::uint64_t CameraModel::roiRows(std::uint64_t outputs) const {
  if (spec_.roi == CameraSpec::Roi::kMidWidth) {
    const std::uint64_t rows = (outputs + spec_.width - 1) / spec_.width;
    return rows <= spec_.height ? rows : 0;
  }
  std::uint64_t side = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(outputs)));
  while (side * side < outputs) ++side;
  while (side > 0 && (side - 1) * (side - 1) >= outputs) --side;
  return side <= spec_.height && side <= spec_.width ? side : 0;
}

Tick CameraModel::frameTime(std::uint64_t outputs) const {
  return std::max(spec_.framePeriod,
                  std::max(readoutTime(outputs), spec_.exposure) + spec_.frameOverhead);
}

double CameraModel::counts(double intensity, std::uint64_t frame, std::uint64_t column,
                           bool& saturated) const {
  double c = gain_ * intensity;
  if (spec_.temperature > 0) {
    double shot, read;
    noise_.gaussianPair(frame, static_cast<std::uint32_t>(column), shot, read);
    c += spec_.temperature * (std::sqrt(std::max(c, 0.0)) * shot + spec_.readNoise * read);
  }
  if (!spec_.adc) return c;
  c = std::nearbyint(c);
  saturated = c > kMaxCount;
  return std::clamp(c, 0.0, kMaxCount);
}

}  // namespace xpusim::optical
