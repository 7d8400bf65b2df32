#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "models/optical/InputEncoder.h"
#include "models/optical/OpticalCore.h"
#include "sim/config/ConfigNode.h"
#include "sim/config/ParamReader.h"
#include "sim/core/Component.h"

namespace xpusim::optical {

/// Host work in roofline terms: floating-point operations and bytes moved through memory.
struct HostWork {
  double flops = 0;
  double bytes = 0;
};

/// The shape of what a job sends through the OPU.
struct JobShape {
  std::uint64_t inputs = 0;   ///< features per vector (DMD pixels used)
  std::uint64_t outputs = 0;  ///< components per vector (camera pixels read)
  std::uint64_t vectors = 0;  ///< vectors projected in the whole job
  std::uint64_t batch = 0;    ///< vectors per host pass
  EncodingSpec encoding;
  ProjectionMode mode = ProjectionMode::kIntensity;
  std::filesystem::path output;  ///< result file (.npy or .csv); empty: none
};

/// A job on the OPU (a `--workload` YAML, `job:` names the kind): the vectors it projects, pass
/// by pass, the host work around each pass (roofline), and, when the run is functional, the
/// real inputs it produces and what it does with the outputs.
class OpticalJob {
 public:
  virtual ~OpticalJob() = default;
  /// Reads the job file; bad input -> InputError naming file:line:column.
  static std::unique_ptr<OpticalJob> load(const std::filesystem::path& file, std::uint64_t seed);

  const JobShape& shape() const { return shape_; }
  std::uint64_t passes() const { return (shape_.vectors + shape_.batch - 1) / shape_.batch; }
  std::uint64_t vectorsIn(std::uint64_t pass) const;
  virtual const char* kind() const = 0;
  /// True if a pass may start only after the previous pass's outputs were consumed (training).
  virtual bool dependentPasses() const { return false; }
  /// Host work before a pass is encoded (a forward pass) and after its outputs arrive.
  virtual HostWork beforePass(std::uint64_t) const { return {}; }
  virtual HostWork afterPass(std::uint64_t) const { return {}; }

  /// Functional: the real input vectors of `pass`, vectorsIn(pass) x inputs.
  virtual void inputs(std::uint64_t pass, std::vector<double>& x) = 0;
  /// Functional: consumes the OPU outputs of `pass` (vectorsIn(pass) x outputs) and leaves the
  /// rows to record in `record` (recordWidth() values each).
  virtual void consume(std::uint64_t pass, const std::vector<double>& y,
                       std::vector<double>& record) = 0;
  virtual std::uint64_t recordWidth() const { return shape_.outputs; }
  /// Functional results, as statistics of the OPU (name, value); valid after the run.
  virtual std::vector<std::pair<std::string, const double*>> results() const { return {}; }
  virtual void summarize(const std::string&, SummaryLines&) const {}

 protected:
  /// The parameters every job has; `outputsFromFile` is false when the kind derives them.
  static std::vector<ParamSpec> commonParams(bool shapeFromFile);
  void readCommon(ParamReader& p, bool shapeFromFile, bool signedInputs);
  /// Generated input data (input_distribution), reproducible per (vector, feature).
  void generateInputs(std::uint64_t firstVector, std::size_t count, std::vector<double>& x) const;
  bool signedDistribution() const;

  JobShape shape_;
  std::uint64_t seed_ = 0;
  std::string distribution_;
  double density_ = 0.5, low_ = 0, high_ = 1;
};

}  // namespace xpusim::optical
