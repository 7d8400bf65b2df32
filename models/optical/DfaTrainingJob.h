#pragma once
#include "models/optical/OpticalJob.h"

namespace xpusim::optical {

/// Direct feedback alignment training of a small MLP (`job: dfa_training`; Launay et al.,
/// arXiv:2012.06373). Each step the host runs the forward pass of a batch (roofline), computes
/// the output error e = softmax - onehot, and the OPU projects the ternarised error (1-bit
/// signed bit planes: 2 frames per vector, each 1 + anchors frames in linear mode) onto the
/// concatenated hidden widths: the feedback B e replaces backpropagation. The host then updates
/// every layer: dW_l = -lr/B (B_l e * tanh'(a_l))^T h_(l-1), the output layer with e itself.
/// Steps depend on each other, so the pipeline drains every step.
///
/// Data: a synthetic teacher task, x ~ N(0, 1)^d, label = argmax(T x) with T Gaussian; tanh
/// hidden units. The job reports the cross-entropy of the first and last steps and the last
/// step's accuracy.
class DfaTrainingJob : public OpticalJob {
 public:
  static std::vector<ParamSpec> params();
  DfaTrainingJob(ParamReader& p, std::uint64_t seed);

  const char* kind() const override { return "dfa_training"; }
  bool dependentPasses() const override { return true; }
  HostWork beforePass(std::uint64_t pass) const override;
  HostWork afterPass(std::uint64_t pass) const override;
  void inputs(std::uint64_t pass, std::vector<double>& x) override;
  void consume(std::uint64_t pass, const std::vector<double>& y,
               std::vector<double>& record) override;
  std::vector<std::pair<std::string, const double*>> results() const override;
  void summarize(const std::string& path, SummaryLines& lines) const override;

 private:
  void initialise();
  double weightCount() const;
  double activationCount() const;

  std::vector<std::uint64_t> layers_;  // widths, input first, classes last
  double learningRate_;
  std::vector<std::vector<double>> w_;  // layer l: layers_[l+1] x (layers_[l] + 1), bias last
  std::vector<double> teacher_;         // classes x input
  std::vector<std::vector<double>> h_;  // activations of the current batch per layer
  std::vector<double> error_;           // batch x classes
  bool initialised_ = false;
  double lossFirst_ = 0, lossLast_ = 0, accuracyLast_ = 0;
};

}  // namespace xpusim::optical
