#include "models/optical/OpticalCore.h"

#include <algorithm>
#include <stdexcept>

namespace xpusim::optical {

namespace {
// Field numerators held at once: bounds memory to 64 MiB whatever the batch.
constexpr std::uint64_t kFieldBudget = (std::uint64_t{64} << 20) / sizeof(FieldNumerator);
}  // namespace

OpticalCore::OpticalCore(const RandomMedium& medium, const CameraModel& camera, ProjectionMode mode,
                         HolographySpec holography, std::uint64_t inputs, std::uint64_t outputs)
    : medium_(medium),
      camera_(camera),
      mode_(mode),
      holography_(holography),
      inputs_(inputs),
      outputs_(outputs),
      frames_(inputs) {
  if (mode_ == ProjectionMode::kLinear && !camera_.ideal()) calibrateAnchors();
}

void OpticalCore::calibrateAnchors() {
  const unsigned a = holography_.anchors;
  if (a < 2) throw std::invalid_argument("holography needs at least 2 anchors");
  BitFrames block(holography_.pixels);
  block.add();
  for (std::uint64_t p = 0; p < holography_.pixels; ++p) block.set(0, p);
  anchorRe_.resize(a * outputs_);
  anchorIm_.resize(a * outputs_);
  for (unsigned k = 0; k < a; ++k) {
    medium_.project(block, 0, 1, inputs_ + k * holography_.pixels, outputs_, fields_);
    for (std::uint64_t j = 0; j < outputs_; ++j) {
      anchorRe_[k * outputs_ + j] = static_cast<double>(fields_[j].re) * medium_.scale();
      anchorIm_[k * outputs_ + j] = static_cast<double>(fields_[j].im) * medium_.scale();
    }
  }
  // Least squares for (Re z, Im z) from m_k / 2 = Re z Re c_k + Im z Im c_k:
  // Re z = sum_k m_k (a22 Re c_k - a12 Im c_k) / (2 det).
  solveRe_.resize(a * outputs_);
  for (std::uint64_t j = 0; j < outputs_; ++j) {
    double a11 = 0, a12 = 0, a22 = 0;
    for (unsigned k = 0; k < a; ++k) {
      const double cr = anchorRe_[k * outputs_ + j], ci = anchorIm_[k * outputs_ + j];
      a11 += cr * cr;
      a12 += cr * ci;
      a22 += ci * ci;
    }
    const double det = a11 * a22 - a12 * a12;
    for (unsigned k = 0; k < a; ++k)
      solveRe_[j * a + k] =
          det > 0
              ? (a22 * anchorRe_[k * outputs_ + j] - a12 * anchorIm_[k * outputs_ + j]) / (2 * det)
              : 0;
  }
}

void OpticalCore::holographic(const FieldNumerator* z, std::uint64_t frameId, double* plane) {
  const unsigned a = holography_.anchors;
  const double s = medium_.scale();
  for (std::uint64_t j = 0; j < outputs_; ++j) {
    const double zr = static_cast<double>(z[j].re) * s, zi = static_cast<double>(z[j].im) * s;
    bool saturated = false;
    const double i0 = camera_.measure(zr * zr + zi * zi, frameId, j, saturated);
    counters_.saturated += saturated;
    double re = 0;
    for (unsigned k = 0; k < a; ++k) {
      const double cr = anchorRe_[k * outputs_ + j], ci = anchorIm_[k * outputs_ + j];
      const double ur = zr + cr, ui = zi + ci;
      saturated = false;
      const double ik = camera_.measure(ur * ur + ui * ui, frameId + 1 + k, j, saturated);
      counters_.saturated += saturated;
      re += solveRe_[j * a + k] * (ik - i0 - (cr * cr + ci * ci));
    }
    plane[j] = re;
  }
  counters_.pixels += outputs_ * (1 + a);
}

void OpticalCore::project(const InputEncoder& encoder, const double* x, std::size_t count,
                          std::uint64_t firstVector, std::vector<double>& out) {
  frames_.clear();
  const double step = encoder.encode(x, count, inputs_, frames_);
  const unsigned planes = encoder.planes();
  const unsigned perPlane = framesPerPlane();
  const bool exact = mode_ == ProjectionMode::kLinear && camera_.ideal();
  // Exact linear decoding sums integer numerators and scales once at the end.
  const double multiplier = exact ? step * medium_.scale() : step;
  const double s = medium_.scale();
  out.assign(count * outputs_, 0.0);
  plane_.resize(outputs_);
  const std::size_t chunk = std::max<std::uint64_t>(1, kFieldBudget / (planes * outputs_));
  for (std::size_t v0 = 0; v0 < count; v0 += chunk) {
    const std::size_t vectors = std::min(chunk, count - v0);
    medium_.project(frames_, v0 * planes, vectors * planes, 0, outputs_, fields_);
    for (std::size_t v = 0; v < vectors; ++v) {
      double* y = out.data() + (v0 + v) * outputs_;
      for (unsigned p = 0; p < planes; ++p) {
        const FieldNumerator* z = fields_.data() + (v * planes + p) * outputs_;
        const std::uint64_t frameId = ((firstVector + v0 + v) * planes + p) * perPlane;
        if (exact) {
          for (std::uint64_t j = 0; j < outputs_; ++j) plane_[j] = static_cast<double>(z[j].re);
          counters_.pixels += outputs_ * perPlane;
        } else if (mode_ == ProjectionMode::kLinear) {
          holographic(z, frameId, plane_.data());
        } else {
          for (std::uint64_t j = 0; j < outputs_; ++j) {
            const double zr = static_cast<double>(z[j].re) * s;
            const double zi = static_cast<double>(z[j].im) * s;
            const double intensity = zr * zr + zi * zi;
            bool saturated = false;
            plane_[j] =
                camera_.ideal() ? intensity : camera_.measure(intensity, frameId, j, saturated);
            counters_.saturated += saturated;
          }
          counters_.pixels += outputs_;
        }
        const double w = static_cast<double>(encoder.weight(p));
        for (std::uint64_t j = 0; j < outputs_; ++j) y[j] += w * plane_[j];
      }
      for (std::uint64_t j = 0; j < outputs_; ++j) y[j] *= multiplier;
    }
  }
}

}  // namespace xpusim::optical
