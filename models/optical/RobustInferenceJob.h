#pragma once
#include "models/optical/OpticalJob.h"

namespace xpusim::optical {

/// Robustness-style inference (`job: robust_inference`): every vector is projected and the
/// host binarises its outputs, bit_j = y_j > output_threshold * mean_j(y) (the defence of
/// obfuscated random features; ln 2 splits an exponential speckle in half). The binary codes
/// are the result; the job reports the fraction of ones.
class RobustInferenceJob : public OpticalJob {
 public:
  static std::vector<ParamSpec> params();
  RobustInferenceJob(ParamReader& p, std::uint64_t seed);

  const char* kind() const override { return "robust_inference"; }
  HostWork afterPass(std::uint64_t pass) const override;
  void inputs(std::uint64_t pass, std::vector<double>& x) override;
  void consume(std::uint64_t pass, const std::vector<double>& y,
               std::vector<double>& record) override;
  std::vector<std::pair<std::string, const double*>> results() const override;
  void summarize(const std::string& path, SummaryLines& lines) const override;

 private:
  double outputThreshold_;
  std::uint64_t ones_ = 0;
  std::uint64_t values_ = 0;
  double onesFraction_ = 0;
};

}  // namespace xpusim::optical
