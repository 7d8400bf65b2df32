#include "models/optical/DfaTrainingJob.h"

#include <fmt/format.h>

#include <cmath>

#include "models/optical/CounterRandom.h"

namespace xpusim::optical {

std::vector<ParamSpec> DfaTrainingJob::params() {
  std::vector<ParamSpec> p = commonParams(false);
  p.push_back(Param::text("layers", "MLP widths, input first and classes last, e.g. 64,256,10"));
  p.push_back(Param::uint("steps", "steps", "training steps (one batch each)"));
  p.push_back(Param::real("learning_rate", "", "SGD learning rate").def("0.01"));
  return p;
}

DfaTrainingJob::DfaTrainingJob(ParamReader& p, std::uint64_t seed) {
  seed_ = seed;
  const std::string text = p.text("layers");
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    const std::string item = text.substr(at, comma - at);
    std::uint64_t v = 0;
    if (item.empty() || item.find_first_not_of(" 0123456789") != std::string::npos ||
        (v = std::stoull(item)) == 0)
      throw p.error("layers", "expected positive widths separated by commas");
    layers_.push_back(v);
    at = comma + 1;
  }
  if (layers_.size() < 3) throw p.error("layers", "needs an input, a hidden and an output width");
  const std::uint64_t steps = p.uint("steps");
  if (steps == 0) throw p.error("steps", "must be at least 1");
  learningRate_ = p.real("learning_rate");
  readCommon(p, false, true);
  shape_.inputs = layers_.back();
  for (std::size_t l = 1; l + 1 < layers_.size(); ++l) shape_.outputs += layers_[l];
  shape_.vectors = steps * shape_.batch;
  shape_.encoding.kind = EncodingSpec::Kind::kBitPlane;
  shape_.encoding.precision = 1;  // ternary error: +1 / 0 / -1 in two frames
}

double DfaTrainingJob::weightCount() const {
  double n = 0;
  for (std::size_t l = 0; l + 1 < layers_.size(); ++l)
    n += static_cast<double>(layers_[l] * layers_[l + 1]);
  return n;
}

double DfaTrainingJob::activationCount() const {
  double n = 0;
  for (std::uint64_t w : layers_) n += static_cast<double>(w);
  return n;
}

HostWork DfaTrainingJob::beforePass(std::uint64_t pass) const {
  // Forward: 2 flops per weight per vector; read the weights once and every activation.
  const double b = static_cast<double>(vectorsIn(pass));
  return {2 * b * weightCount(), 4 * (weightCount() + b * activationCount())};
}

HostWork DfaTrainingJob::afterPass(std::uint64_t pass) const {
  // Updates: 2 flops per weight per vector; read and write the weights, read the activations.
  const double b = static_cast<double>(vectorsIn(pass));
  return {2 * b * weightCount(), 4 * (2 * weightCount() + b * activationCount())};
}

void DfaTrainingJob::initialise() {
  const CounterRandom random(seed_, kStreamTeacher);
  auto gaussian = [&](std::uint64_t a, std::uint32_t b) {
    double g, unused;
    random.gaussianPair(a, b, g, unused);
    return g;
  };
  const std::uint64_t d = layers_.front(), c = layers_.back();
  teacher_.resize(c * d);
  for (std::uint64_t i = 0; i < c * d; ++i)
    teacher_[i] = gaussian(0, static_cast<std::uint32_t>(i));
  w_.resize(layers_.size() - 1);
  for (std::size_t l = 0; l + 1 < layers_.size(); ++l) {
    const std::uint64_t in = layers_[l] + 1, out = layers_[l + 1];
    const double scale = 1.0 / std::sqrt(static_cast<double>(layers_[l]));
    w_[l].assign(out * in, 0.0);
    for (std::uint64_t o = 0; o < out; ++o)
      for (std::uint64_t i = 0; i + 1 < in; ++i)
        w_[l][o * in + i] = scale * gaussian(l + 1, static_cast<std::uint32_t>(o * in + i));
  }
  initialised_ = true;
}

void DfaTrainingJob::inputs(std::uint64_t pass, std::vector<double>& x) {
  if (!initialised_) initialise();
  const std::uint64_t b = vectorsIn(pass), d = layers_.front(), c = layers_.back();
  const CounterRandom random(seed_, kStreamInput);
  h_.assign(layers_.size(), {});
  h_[0].resize(b * d);
  for (std::uint64_t v = 0; v < b; ++v)
    for (std::uint64_t i = 0; i < d; ++i) {
      double unused;
      random.gaussianPair(pass * shape_.batch + v, static_cast<std::uint32_t>(i), h_[0][v * d + i],
                          unused);
    }
  for (std::size_t l = 0; l + 1 < layers_.size(); ++l) {
    const std::uint64_t in = layers_[l], out = layers_[l + 1];
    const bool hidden = l + 2 < layers_.size();
    h_[l + 1].resize(b * out);
    for (std::uint64_t v = 0; v < b; ++v)
      for (std::uint64_t o = 0; o < out; ++o) {
        const double* row = w_[l].data() + o * (in + 1);
        double a = row[in];
        for (std::uint64_t i = 0; i < in; ++i) a += row[i] * h_[l][v * in + i];
        h_[l + 1][v * out + o] = hidden ? std::tanh(a) : a;
      }
  }
  // Softmax cross-entropy against the teacher's labels; the error is what the OPU projects.
  error_.resize(b * c);
  double loss = 0, correct = 0;
  for (std::uint64_t v = 0; v < b; ++v) {
    const double* logits = h_.back().data() + v * c;
    std::uint64_t label = 0, guess = 0;
    double best = -INFINITY, top = -INFINITY, sum = 0;
    for (std::uint64_t k = 0; k < c; ++k) {
      double t = 0;
      for (std::uint64_t i = 0; i < d; ++i) t += teacher_[k * d + i] * h_[0][v * d + i];
      if (t > best) best = t, label = k;
      if (logits[k] > top) top = logits[k], guess = k;
    }
    for (std::uint64_t k = 0; k < c; ++k) sum += std::exp(logits[k] - top);
    for (std::uint64_t k = 0; k < c; ++k)
      error_[v * c + k] = std::exp(logits[k] - top) / sum - (k == label ? 1.0 : 0.0);
    loss += std::log(sum) - (logits[label] - top);
    correct += guess == label;
  }
  lossLast_ = loss / static_cast<double>(b);
  accuracyLast_ = correct / static_cast<double>(b);
  if (pass == 0) lossFirst_ = lossLast_;
  x = error_;
}

void DfaTrainingJob::consume(std::uint64_t pass, const std::vector<double>& y,
                             std::vector<double>& record) {
  const std::uint64_t b = vectorsIn(pass), m = shape_.outputs;
  const double step = learningRate_ / static_cast<double>(b);
  std::uint64_t offset = 0;
  for (std::size_t l = 0; l + 1 < layers_.size(); ++l) {
    const std::uint64_t in = layers_[l], out = layers_[l + 1];
    const bool hidden = l + 2 < layers_.size();
    for (std::uint64_t v = 0; v < b; ++v)
      for (std::uint64_t o = 0; o < out; ++o) {
        const double hv = h_[l + 1][v * out + o];
        const double delta = hidden ? y[v * m + offset + o] * (1 - hv * hv) : error_[v * out + o];
        double* row = w_[l].data() + o * (in + 1);
        for (std::uint64_t i = 0; i < in; ++i) row[i] -= step * delta * h_[l][v * in + i];
        row[in] -= step * delta;
      }
    if (hidden) offset += out;
  }
  record = y;
}

std::vector<std::pair<std::string, const double*>> DfaTrainingJob::results() const {
  return {
      {"loss_first", &lossFirst_}, {"loss_last", &lossLast_}, {"accuracy_last", &accuracyLast_}};
}

void DfaTrainingJob::summarize(const std::string& path, SummaryLines& lines) const {
  if (initialised_)
    lines.emplace_back(path + " DFA training",
                       fmt::format("loss {:.4f} -> {:.4f}, last-step accuracy {:.3f}", lossFirst_,
                                   lossLast_, accuracyLast_));
}

}  // namespace xpusim::optical
