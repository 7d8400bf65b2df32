#include "models/optical/OpticalJob.h"

#include <fmt/format.h>

#include <algorithm>

#include "models/optical/CounterRandom.h"
#include "models/optical/DfaTrainingJob.h"
#include "models/optical/RandomFeaturesJob.h"
#include "models/optical/RobustInferenceJob.h"
#include "sim/config/ConfigLoader.h"

namespace xpusim::optical {

namespace {
template <class Job>
std::unique_ptr<OpticalJob> make(const ConfigNode& node, const std::filesystem::path& file,
                                 std::uint64_t seed) {
  static const std::vector<ParamSpec> specs = Job::params();
  ParamReader reader(node, "workload " + file.filename().string(), specs, {"job"});
  auto job = std::make_unique<Job>(reader, seed);
  reader.checkAllRead();
  return job;
}
}  // namespace

std::unique_ptr<OpticalJob> OpticalJob::load(const std::filesystem::path& file,
                                             std::uint64_t seed) {
  const ConfigNode node = ConfigLoader::loadFile(file);
  const ConfigNode* kind = node.isMap() ? node.find("job") : nullptr;
  const std::string kinds = "random_features, dfa_training, robust_inference";
  if (!kind || !kind->isScalar())
    throw InputError(node.where, fmt::format("optical workload: expected 'job: <{}>'", kinds));
  if (kind->scalar == "random_features") return make<RandomFeaturesJob>(node, file, seed);
  if (kind->scalar == "dfa_training") return make<DfaTrainingJob>(node, file, seed);
  if (kind->scalar == "robust_inference") return make<RobustInferenceJob>(node, file, seed);
  throw InputError(kind->where, fmt::format("optical workload: unknown job '{}' (one of: {})",
                                            kind->scalar, kinds));
}

std::uint64_t OpticalJob::vectorsIn(std::uint64_t pass) const {
  return std::min(shape_.batch, shape_.vectors - pass * shape_.batch);
}

std::vector<ParamSpec> OpticalJob::commonParams(bool shapeFromFile) {
  std::vector<ParamSpec> p;
  if (shapeFromFile) {
    p = {
        Param::uint("n_features", "features", "input features per vector (DMD pixels used)"),
        Param::uint("n_components", "features", "output features per vector (camera pixels)"),
        Param::uint("samples", "vectors", "vectors projected in the job"),
        Param::choice("encoding", {"threshold", "bitplane"},
                      "threshold: one binary frame (x > threshold); bitplane: one frame per bit "
                      "of the quantised magnitude, doubled for signed inputs")
            .def("threshold"),
        Param::real("threshold", "", "binarisation threshold of the threshold encoding").def("0"),
        Param::uint("precision", "bits", "bit-plane precision (lightonml default 6)").def("6"),
        Param::choice("input_distribution", {"bernoulli", "uniform", "normal"},
                      "generated input data: bernoulli 0/1, uniform [low, high), normal N(0,1)")
            .def("bernoulli"),
        Param::real("input_density", "", "bernoulli: probability of a one").def("0.5"),
        Param::real("input_low", "", "uniform: lower bound").def("0"),
        Param::real("input_high", "", "uniform: upper bound").def("1"),
    };
  }
  p.push_back(
      Param::uint("batch", "vectors", "vectors per host pass (lightonml: 3000)").def("3000"));
  p.push_back(Param::choice("mode", {"intensity", "linear"},
                            "intensity |xR|^2 (one frame) or linear Re(xR) (holographic)")
                  .def(shapeFromFile ? "intensity" : "linear"));
  p.push_back(Param::path("output", "result file written atomically (.npy float64 or .csv)")
                  .optionalValue());
  return p;
}

void OpticalJob::readCommon(ParamReader& p, bool shapeFromFile, bool signedInputs) {
  if (shapeFromFile) {
    shape_.inputs = p.uint("n_features");
    shape_.outputs = p.uint("n_components");
    shape_.vectors = p.uint("samples");
    if (shape_.inputs == 0) throw p.error("n_features", "must be at least 1");
    if (shape_.outputs == 0) throw p.error("n_components", "must be at least 1");
    if (shape_.vectors == 0) throw p.error("samples", "must be at least 1");
    distribution_ = p.choice("input_distribution");
    density_ = p.real("input_density");
    low_ = p.real("input_low");
    high_ = p.real("input_high");
    if (density_ < 0 || density_ > 1) throw p.error("input_density", "must lie in [0, 1]");
    if (!(low_ < high_)) throw p.error("input_high", "must be greater than input_low");
    const bool bitplane = p.choice("encoding") == "bitplane";
    shape_.encoding.kind =
        bitplane ? EncodingSpec::Kind::kBitPlane : EncodingSpec::Kind::kThreshold;
    shape_.encoding.threshold = p.real("threshold");
    shape_.encoding.precision = static_cast<unsigned>(p.uint("precision"));
    if (shape_.encoding.precision < 1 || shape_.encoding.precision > 16)
      throw p.error("precision", "must be 1..16 bits");
    shape_.encoding.isSigned = bitplane && signedDistribution();
  } else {
    shape_.encoding.isSigned = signedInputs;
  }
  shape_.batch = p.uint("batch");
  if (shape_.batch == 0) throw p.error("batch", "must be at least 1");
  shape_.mode = p.choice("mode") == "linear" ? ProjectionMode::kLinear : ProjectionMode::kIntensity;
  if (p.has("output")) {
    shape_.output = p.path("output");
    const auto ext = shape_.output.extension();
    if (ext != ".npy" && ext != ".csv") throw p.error("output", "must end in .npy or .csv");
  }
}

bool OpticalJob::signedDistribution() const {
  return distribution_ == "normal" || (distribution_ == "uniform" && low_ < 0);
}

void OpticalJob::generateInputs(std::uint64_t firstVector, std::size_t count,
                                std::vector<double>& x) const {
  const CounterRandom random(seed_, kStreamInput);
  const std::uint64_t n = shape_.inputs;
  x.resize(count * n);
  for (std::size_t v = 0; v < count; ++v)
    for (std::uint64_t i = 0; i < n; ++i) {
      double& value = x[v * n + i];
      const std::uint64_t vector = firstVector + v;
      const auto feature = static_cast<std::uint32_t>(i);
      if (distribution_ == "normal") {
        double other;
        random.gaussianPair(vector, feature, value, other);
      } else {
        const double u = random.uniform(vector, feature);
        value =
            distribution_ == "bernoulli" ? (u < density_ ? 1.0 : 0.0) : low_ + (high_ - low_) * u;
      }
    }
}

}  // namespace xpusim::optical
