// Input encoders (bit planes, threshold), the holographic linear readout and the camera's
// measurement chain: frame counts, exact decoding, saturation, frame-time law.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/optical/CameraModel.h"
#include "models/optical/CounterRandom.h"
#include "models/optical/OpticalCore.h"

using namespace xpusim::optical;
using xpusim::kMicrosecond;
using xpusim::kNanosecond;

namespace {
CameraSpec cameraSpec(bool adc, double temperature) {
  CameraSpec spec;
  spec.exposure = 400 * kMicrosecond;
  spec.readoutPerRow = 300 * kNanosecond;
  spec.frameOverhead = 50 * kMicrosecond;
  spec.gainPerMicrosecond = 0.1;  // g = 0.1 x 400 = 40 counts per unit intensity
  spec.temperature = temperature;
  spec.readNoise = 1;
  spec.adc = adc;
  return spec;
}
}  // namespace

TEST_CASE("frames per vector: p planes, 2p signed, one for threshold", "[optical]") {
  CHECK(InputEncoder({EncodingSpec::Kind::kThreshold, 0.5, 6, false}).planes() == 1);
  CHECK(InputEncoder({EncodingSpec::Kind::kBitPlane, 0, 6, false}).planes() == 6);
  CHECK(InputEncoder({EncodingSpec::Kind::kBitPlane, 0, 6, true}).planes() == 12);
  const InputEncoder signed8({EncodingSpec::Kind::kBitPlane, 0, 8, true});
  CHECK(signed8.weight(0) == 128);  // MSB first
  CHECK(signed8.weight(7) == 1);
  CHECK(signed8.weight(8) == -128);  // negative part
  CHECK(signed8.weight(15) == -1);
}

TEST_CASE("bit-plane encoding sets the bits of the quantised magnitude", "[optical]") {
  const InputEncoder enc({EncodingSpec::Kind::kBitPlane, 0, 3, true});
  // max |x| = 7 -> step 1: q = 5 (101), -3 (011 in the negative planes), 0, 7 (111).
  const double x[] = {5, -3, 0.2, 7};
  BitFrames frames(4);
  CHECK(enc.encode(x, 1, 4, frames) == 1.0);
  REQUIRE(frames.count() == 6);
  const bool expected[6][4] = {{1, 0, 0, 1}, {0, 0, 0, 1}, {1, 0, 0, 1},
                               {0, 0, 0, 0}, {0, 1, 0, 0}, {0, 1, 0, 0}};
  for (unsigned p = 0; p < 6; ++p)
    for (unsigned i = 0; i < 4; ++i) CHECK(frames.get(p, i) == expected[p][i]);
}

// Check C3: bit planes -> linear transform -> decoder equals the projection of the quantised
// input. With an ideal camera both sides are computed from exact integer numerators, so the
// equality is bit for bit: decoded = double(sum_p w_p N_p) * (step * scale) and
// direct = double(sum_i q_i Z_ij) * (step * scale) with sum_p w_p N_p = sum_i q_i Z_ij.
TEST_CASE("bit-plane decoding reproduces the projection of the quantised input exactly",
          "[optical]") {
  const std::uint64_t n = 300, m = 257;
  const RandomMedium medium(11, n);
  const CameraModel camera(cameraSpec(false, 0), 1);
  for (bool isSigned : {false, true}) {
    const InputEncoder enc({EncodingSpec::Kind::kBitPlane, 0, 6, isSigned});
    OpticalCore core(medium, camera, ProjectionMode::kLinear, {}, n, m);
    const CounterRandom data(5, kStreamInput);
    std::vector<double> x(3 * n);
    for (std::uint64_t i = 0; i < x.size(); ++i)
      x[i] = isSigned ? 2 * data.uniform(i, 0) - 1 : data.uniform(i, 0);
    std::vector<double> y;
    core.project(enc, x.data(), 3, 0, y);
    const double maxAbs = InputEncoder::maxAbs(x.data(), x.size());
    const double step = enc.step(maxAbs);
    for (std::uint64_t v = 0; v < 3; ++v)
      for (std::uint64_t j = 0; j < m; ++j) {
        std::int64_t numerator = 0;
        for (std::uint64_t i = 0; i < n; ++i)
          numerator += enc.quantise(x[v * n + i], maxAbs) * medium.entry(i, j).re;
        REQUIRE(y[v * m + j] == static_cast<double>(numerator) * (step * medium.scale()));
      }
  }
}

TEST_CASE("holographic readout recovers Re(xR) from intensities alone", "[optical]") {
  // ADC off but temperature > 0 with read noise 0 and tiny shot noise forces the holographic
  // path; with temperature 1e-9 the reconstruction must agree with the exact value closely.
  const std::uint64_t n = 128, m = 64;
  const RandomMedium medium(2, n);
  CameraSpec spec = cameraSpec(false, 1e-9);
  spec.readNoise = 0;
  const CameraModel camera(spec, 1);
  const CameraModel ideal(cameraSpec(false, 0), 1);
  const InputEncoder enc({});
  std::vector<double> x(n, 0.0);
  for (std::uint64_t i = 0; i < n; i += 3) x[i] = 1;
  std::vector<double> holo, exact;
  OpticalCore(medium, camera, ProjectionMode::kLinear, {4, 64}, n, m)
      .project(enc, x.data(), 1, 0, holo);
  OpticalCore(medium, ideal, ProjectionMode::kLinear, {4, 64}, n, m)
      .project(enc, x.data(), 1, 0, exact);
  for (std::uint64_t j = 0; j < m; ++j) CHECK(holo[j] == Approx(exact[j]).margin(1e-6));
}

TEST_CASE("the 8-bit ADC saturates at 255 instead of wrapping", "[optical]") {
  const CameraModel camera(cameraSpec(true, 0), 1);
  bool saturated = false;
  CHECK(camera.gain() == 40);
  CHECK(camera.counts(1.0, 0, 0, saturated) == 40);  // 40 x 1
  CHECK_FALSE(saturated);
  CHECK(camera.counts(6.375, 0, 0, saturated) == 255);  // exactly full scale
  CHECK_FALSE(saturated);
  CHECK(camera.counts(7.5, 0, 0, saturated) == 255);  // 300 counts clamp (300 mod 256 = 44)
  CHECK(saturated);
  CHECK(camera.counts(1e9, 0, 0, saturated) == 255);
  CHECK(camera.counts(0.0124, 0, 0, saturated) == 0);  // 0.496 rounds to 0
  CHECK(camera.measure(1.0, 0, 0, saturated) == 1.0);  // 40 / 40
  // Noise never pushes a value below 0 or above 255.
  const CameraModel noisy(cameraSpec(true, 50), 1);
  for (std::uint64_t f = 0; f < 1000; ++f) {
    const double c = noisy.counts(3.0, f, 7, saturated);
    CHECK((c >= 0 && c <= 255 && c == std::floor(c)));
  }
}

TEST_CASE("camera noise: variance T^2 (g I + sigma^2), reproducible per (frame, pixel)",
          "[optical]") {
  // T = 2, g I = 40 x 0.5 = 20 counts, sigma = 1: variance 4 x 21 = 84. 20000 samples: the
  // sample variance has relative standard error sqrt(2 / N) = 1%; bound 5%.
  const CameraModel camera(cameraSpec(false, 2), 9);
  const std::uint64_t samples = 20000;
  double sum = 0, sum2 = 0;
  bool saturated = false;
  for (std::uint64_t f = 0; f < samples; ++f) {
    const double c = camera.counts(0.5, f, 3, saturated) - 20;
    sum += c;
    sum2 += c * c;
  }
  const double mean = sum / samples;
  CHECK(std::fabs(mean) < 5 * std::sqrt(84.0 / samples));
  CHECK((sum2 / samples - mean * mean) == Approx(84).epsilon(0.05));
  CHECK(camera.counts(0.5, 17, 3, saturated) == camera.counts(0.5, 17, 3, saturated));
}

TEST_CASE("frame time = max(readout, exposure) + overhead, readout by ROI rows", "[optical]") {
  CameraSpec spec = cameraSpec(true, 0);
  const CameraModel camera(spec, 1);
  CHECK(camera.roiRows(1920) == 1);
  CHECK(camera.roiRows(1921) == 2);
  CHECK(camera.roiRows(2073600) == 1080);
  CHECK(camera.roiRows(2073601) == 0);  // does not fit
  // 1080 rows x 300 ns = 324 us < 400 us exposure: 400 + 50 = 450 us.
  CHECK(camera.frameTime(2073600) == 450 * kMicrosecond);
  spec.readoutPerRow = 500 * kNanosecond;  // 1080 x 0.5 us = 540 us > exposure
  CHECK(CameraModel(spec, 1).frameTime(2073600) == 590 * kMicrosecond);
  CHECK(CameraModel(spec, 1).frameTime(1920 * 100) == 450 * kMicrosecond);  // 50 us readout
  spec.framePeriod = 500 * kMicrosecond;  // lightonml frame_time_us = 500: the longer wins
  CHECK(CameraModel(spec, 1).frameTime(1920 * 100) == 500 * kMicrosecond);
  spec.roi = CameraSpec::Roi::kMidSquare;
  CHECK(CameraModel(spec, 1).roiRows(1000000) == 1000);
  CHECK(CameraModel(spec, 1).roiRows(1000001) == 1001);
}
