#include "models/optical/RobustInferenceJob.h"

#include <fmt/format.h>

namespace xpusim::optical {

std::vector<ParamSpec> RobustInferenceJob::params() {
  std::vector<ParamSpec> p = commonParams(true);
  p.push_back(Param::real("output_threshold", "",
                          "output bit = y > output_threshold x the vector's mean output")
                  .def("0.6931471805599453"));
  return p;
}

RobustInferenceJob::RobustInferenceJob(ParamReader& p, std::uint64_t seed) {
  seed_ = seed;
  readCommon(p, true, false);
  outputThreshold_ = p.real("output_threshold");
  if (!(outputThreshold_ > 0)) throw p.error("output_threshold", "must be > 0");
}

HostWork RobustInferenceJob::afterPass(std::uint64_t pass) const {
  // Mean and compare per output (2 flops), read one 8-bit value, write one bit.
  const double values = static_cast<double>(vectorsIn(pass) * shape_.outputs);
  return {2 * values, values + values / 8};
}

void RobustInferenceJob::inputs(std::uint64_t pass, std::vector<double>& x) {
  generateInputs(pass * shape_.batch, vectorsIn(pass), x);
}

void RobustInferenceJob::consume(std::uint64_t pass, const std::vector<double>& y,
                                 std::vector<double>& record) {
  const std::uint64_t m = shape_.outputs;
  record.resize(y.size());
  for (std::uint64_t v = 0; v < vectorsIn(pass); ++v) {
    double mean = 0;
    for (std::uint64_t j = 0; j < m; ++j) mean += y[v * m + j];
    mean /= static_cast<double>(m);
    for (std::uint64_t j = 0; j < m; ++j) {
      const bool bit = y[v * m + j] > outputThreshold_ * mean;
      record[v * m + j] = bit;
      ones_ += bit;
    }
  }
  values_ += y.size();
  onesFraction_ = static_cast<double>(ones_) / static_cast<double>(values_);
}

std::vector<std::pair<std::string, const double*>> RobustInferenceJob::results() const {
  return {{"ones_fraction", &onesFraction_}};
}

void RobustInferenceJob::summarize(const std::string& path, SummaryLines& lines) const {
  if (values_) lines.emplace_back(path + " ones fraction", fmt::format("{:.4f}", onesFraction_));
}

}  // namespace xpusim::optical
