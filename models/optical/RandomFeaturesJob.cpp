#include "models/optical/RandomFeaturesJob.h"

#include <fmt/format.h>

#include <cmath>

namespace xpusim::optical {

std::vector<ParamSpec> RandomFeaturesJob::params() {
  std::vector<ParamSpec> p = commonParams(true);
  p.push_back(Param::uint("kernel_samples", "vectors",
                          "vectors whose kernel approximation error is measured (threshold "
                          "encoding only; 0 = none)")
                  .def("64"));
  return p;
}

RandomFeaturesJob::RandomFeaturesJob(ParamReader& p, std::uint64_t seed) {
  seed_ = seed;
  readCommon(p, true, false);
  kernelSamples_ = std::min(p.uint("kernel_samples"), shape_.vectors);
  if (kernelSamples_ > 0 && shape_.encoding.kind != EncodingSpec::Kind::kThreshold)
    throw p.error("kernel_samples", "needs encoding: threshold (set 0 for bit-plane encoding)");
  if (kernelSamples_ > 0 && shape_.mode != ProjectionMode::kIntensity)
    throw p.error("kernel_samples", "needs mode: intensity (set 0 for linear mode)");
}

void RandomFeaturesJob::inputs(std::uint64_t pass, std::vector<double>& x) {
  generateInputs(pass * shape_.batch, vectorsIn(pass), x);
  lastInputs_ = x;
}

void RandomFeaturesJob::consume(std::uint64_t pass, const std::vector<double>& y,
                                std::vector<double>& record) {
  const std::uint64_t n = shape_.inputs, m = shape_.outputs;
  for (std::uint64_t v = 0; v < vectorsIn(pass) && bits_.size() < kernelSamples_; ++v) {
    std::vector<std::uint8_t> b(n);
    for (std::uint64_t i = 0; i < n; ++i) b[i] = lastInputs_[v * n + i] > shape_.encoding.threshold;
    bits_.push_back(std::move(b));
    features_.insert(features_.end(), y.begin() + static_cast<std::ptrdiff_t>(v * m),
                     y.begin() + static_cast<std::ptrdiff_t>((v + 1) * m));
    if (bits_.size() == kernelSamples_) kernelError();
  }
  record = y;
}

void RandomFeaturesJob::kernelError() {
  const std::uint64_t n = shape_.inputs, m = shape_.outputs, k = kernelSamples_;
  const double s4 = 4.0 / (static_cast<double>(n) * static_cast<double>(n));
  double diff = 0, norm = 0;
  for (std::uint64_t a = 0; a < k; ++a)
    for (std::uint64_t b = 0; b < k; ++b) {
      double na = 0, nb = 0, dot = 0, approx = 0;
      for (std::uint64_t i = 0; i < n; ++i) {
        na += bits_[a][i];
        nb += bits_[b][i];
        dot += bits_[a][i] & bits_[b][i];
      }
      for (std::uint64_t j = 0; j < m; ++j) approx += features_[a * m + j] * features_[b * m + j];
      approx /= static_cast<double>(m);
      const double exact = s4 * (na * nb + dot * dot);
      diff += (approx - exact) * (approx - exact);
      norm += exact * exact;
    }
  kernelRelError_ = norm > 0 ? std::sqrt(diff / norm) : 0;
}

std::vector<std::pair<std::string, const double*>> RandomFeaturesJob::results() const {
  if (kernelSamples_ == 0) return {};
  return {{"kernel_rel_error", &kernelRelError_}};
}

void RandomFeaturesJob::summarize(const std::string& path, SummaryLines& lines) const {
  if (bits_.size() == kernelSamples_ && kernelSamples_ > 0)
    lines.emplace_back(
        path + " kernel error",
        fmt::format("{:.4f} (relative Frobenius, {} vectors)", kernelRelError_, kernelSamples_));
}

}  // namespace xpusim::optical
