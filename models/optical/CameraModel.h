#pragma once
#include <cstdint>

#include "models/optical/CounterRandom.h"
#include "sim/core/Tick.h"

namespace xpusim::optical {

/// Camera settings: sensor geometry, timing and the measurement chain.
struct CameraSpec {
  enum class Roi { kMidWidth, kMidSquare };
  std::uint64_t width = 1920;     ///< pixels per sensor row
  std::uint64_t height = 1080;    ///< sensor rows
  Roi roi = Roi::kMidWidth;       ///< output region: full-width rows, or a centred square
  Tick exposure = 0;              ///< ps
  Tick readoutPerRow = 0;         ///< ps per row of the region of interest
  Tick frameOverhead = 0;         ///< ps added to every frame (lightonml: 50 us)
  Tick framePeriod = 0;           ///< configured frame period (lightonml frame_time_us), 0 = none
  double gainPerMicrosecond = 0;  ///< ADC counts per unit intensity per us of exposure
  double temperature = 0;         ///< noise scale: 0 = noiseless
  double readNoise = 0;           ///< additive Gaussian noise at temperature 1, in counts
  bool adc = true;                ///< 8-bit quantisation; off = ideal real-valued readout
};

/// The camera: which sensor rows a region of interest covers, how long a frame takes, and what
/// a pixel reports for an optical intensity I = |field|^2.
///
/// Timing: readout = ROI rows x readout_per_row; frame time = max(readout, exposure) + overhead
/// (lightonml's runner rule), or the configured frame period if that is longer. Measurement: counts
/// = g I + T (sqrt(g I) e1 + sigma e2), with g = gain x exposure (us), T the temperature-like noise
/// scale, e1 e2 standard normals (the Poisson shot noise in its Gaussian regime, variance
/// proportional to the signal, plus read noise); with the ADC on, counts are rounded and clamped to
/// 0..255 (saturating, never wrapping). The reported value is counts / g, in intensity units, so
/// with the ADC off and T = 0 the camera returns I exactly.
class CameraModel {
 public:
  CameraModel(CameraSpec spec, std::uint64_t noiseSeed);

  /// Sensor rows read for `outputs` values (mid_width: ceil(outputs / width); mid_square:
  /// the side ceil(sqrt(outputs))). 0 if the region does not fit the sensor.
  std::uint64_t roiRows(std::uint64_t outputs) const;
  Tick readoutTime(std::uint64_t outputs) const { return roiRows(outputs) * spec_.readoutPerRow; }
  /// max(framePeriod, max(readout, exposure) + overhead), ps.
  Tick frameTime(std::uint64_t outputs) const;

  /// Counts per unit intensity at the configured exposure.
  double gain() const { return gain_; }
  /// True when the camera adds nothing (no ADC, no noise): it returns the intensity itself.
  bool ideal() const { return !spec_.adc && spec_.temperature == 0; }
  /// The ADC count for intensity `intensity` at pixel `column` of frame `frame` (noise is keyed
  /// by the pair, so it is reproducible in any order). Sets `saturated` if clamped at 255.
  double counts(double intensity, std::uint64_t frame, std::uint64_t column, bool& saturated) const;
  /// counts(...) / gain(): the measured intensity.
  double measure(double intensity, std::uint64_t frame, std::uint64_t column,
                 bool& saturated) const {
    return counts(intensity, frame, column, saturated) / gain_;
  }

  const CameraSpec& spec() const { return spec_; }
  static constexpr double kMaxCount = 255;

 private:
  CameraSpec spec_;
  double gain_;
  CounterRandom noise_;
};

}  // namespace xpusim::optical
