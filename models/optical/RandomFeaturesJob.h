#pragma once
#include "models/optical/OpticalJob.h"

namespace xpusim::optical {

/// Random features for kernel approximation (`job: random_features`): a batch of generated
/// vectors is projected and the outputs are the features. With threshold encoding the features
/// of binary inputs a, b approximate the OPU kernel (E|R_ij|^2 = s^2 = 2/n, circular Gaussian):
///   K(a, b) = E[y_a y_b] = s^4 (|a|^2 |b|^2 + <a, b>^2),
/// and the job reports the relative Frobenius error of (1/m) Y Y^T against K over the first
/// `kernel_samples` vectors.
class RandomFeaturesJob : public OpticalJob {
 public:
  static std::vector<ParamSpec> params();
  RandomFeaturesJob(ParamReader& p, std::uint64_t seed);

  const char* kind() const override { return "random_features"; }
  void inputs(std::uint64_t pass, std::vector<double>& x) override;
  void consume(std::uint64_t pass, const std::vector<double>& y,
               std::vector<double>& record) override;
  std::vector<std::pair<std::string, const double*>> results() const override;
  void summarize(const std::string& path, SummaryLines& lines) const override;

 private:
  void kernelError();

  std::uint64_t kernelSamples_;
  std::vector<std::vector<std::uint8_t>> bits_;  // binarised inputs of the kernel vectors
  std::vector<double> features_;                 // their outputs, kernelSamples x m
  std::vector<double> lastInputs_;
  double kernelRelError_ = 0;
};

}  // namespace xpusim::optical
