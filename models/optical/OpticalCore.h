#pragma once
#include <cstdint>
#include <vector>

#include "models/optical/CameraModel.h"
#include "models/optical/InputEncoder.h"
#include "models/optical/RandomMedium.h"

namespace xpusim::optical {

/// What the camera is asked to deliver per output.
enum class ProjectionMode {
  kIntensity,  ///< y = |x R|^2, one frame per plane
  kLinear,     ///< y = Re(x R), holographic: 1 + anchors frames per plane
};

/// Holographic linear readout. Anchor k is a fixed block of `pixels` DMD mirrors in the padding
/// outside the input region (rows n + k * pixels ...), whose field c_k is calibrated once. The
/// camera records I_0 = |z|^2 and I_k = |z + c_k|^2, so m_k = I_k - I_0 - |c_k|^2 = 2 Re(z
/// conj(c_k)); Re z and Im z follow per pixel by least squares over the anchors (needs >= 2).
struct HolographySpec {
  unsigned anchors = 4;
  std::uint64_t pixels = 1024;
};

/// Counts of the camera's measurement chain, for statistics.
struct CameraCounters {
  std::uint64_t pixels = 0;     ///< pixel values measured
  std::uint64_t saturated = 0;  ///< of which clamped at full scale
};

/// The functional optical path: encoded frames -> medium -> camera -> (holography) -> decoding.
/// With the camera ideal (ADC off, no noise) it reduces to lightonml's simulated device:
/// intensity |xR|^2 and linear Re(xR), real-valued. Linear mode with an ideal camera decodes in
/// exact integer numerators, so bit-plane decoding equals the projection of the quantised input
/// bit for bit.
class OpticalCore {
 public:
  OpticalCore(const RandomMedium& medium, const CameraModel& camera, ProjectionMode mode,
              HolographySpec holography, std::uint64_t inputs, std::uint64_t outputs);

  /// Camera frames per encoded plane.
  unsigned framesPerPlane() const {
    return mode_ == ProjectionMode::kLinear ? 1 + holography_.anchors : 1;
  }
  /// Projects `count` vectors of `inputs` values: encodes them (one batch, one step), runs
  /// every frame through the optics and the camera, and writes count x outputs decoded values
  /// to `out`. `firstVector` numbers the vectors for the camera noise (reproducible whatever
  /// the batching).
  void project(const InputEncoder& encoder, const double* x, std::size_t count,
               std::uint64_t firstVector, std::vector<double>& out);

  const CameraCounters& counters() const { return counters_; }
  ProjectionMode mode() const { return mode_; }

 private:
  void calibrateAnchors();
  /// Linear value of one plane frame at every column, from the holographic frames.
  void holographic(const FieldNumerator* z, std::uint64_t frameId, double* plane);

  const RandomMedium& medium_;
  const CameraModel& camera_;
  ProjectionMode mode_;
  HolographySpec holography_;
  std::uint64_t inputs_;
  std::uint64_t outputs_;
  std::vector<double> anchorRe_, anchorIm_;  // anchors x outputs, field units
  std::vector<double> solveRe_;              // per column, per anchor: weight of m_k in Re z
  BitFrames frames_;
  std::vector<FieldNumerator> fields_;
  std::vector<double> plane_;
  CameraCounters counters_;
};

}  // namespace xpusim::optical
