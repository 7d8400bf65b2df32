// The random medium: the counter-based generator, order independence of R, and the statistical
// laws of lightonml's simulated OPU (reference part C.1 and check C1).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "models/optical/CameraModel.h"
#include "models/optical/CounterRandom.h"
#include "models/optical/OpticalCore.h"
#include "models/optical/RandomMedium.h"

using namespace xpusim::optical;

TEST_CASE("Philox4x32-10 matches the Random123 known-answer vectors", "[optical]") {
  // Random123 kat_vectors: philox4x32 10, counter 0 and key 0.
  const CounterRandom zero(0, 0);
  const auto z = zero.bits(0, 0);
  CHECK(z.word[0] == 0x6627e8d5u);
  CHECK(z.word[1] == 0xe169c58du);
  CHECK(z.word[2] == 0xbc57ac4cu);
  CHECK(z.word[3] == 0x9b00dbd8u);
  // Counter = key = all ones.
  const CounterRandom ones(~std::uint64_t{0}, 0xffffffffu);
  const auto o = ones.bits(~std::uint64_t{0}, 0xffffffffu);
  CHECK(o.word[0] == 0x408f276du);
  CHECK(o.word[1] == 0x41c83b0eu);
  CHECK(o.word[2] == 0xa20bc7c6u);
  CHECK(o.word[3] == 0x6d5451fdu);
}

TEST_CASE("R entries are the same whatever the order they are generated in", "[optical]") {
  const RandomMedium medium(7, 64);
  const std::uint64_t rows = 64, cols = 200;
  std::vector<RandomMedium::Entry> rowMajor;
  for (std::uint64_t r = 0; r < rows; ++r)
    for (std::uint64_t c = 0; c < cols; ++c) rowMajor.push_back(medium.entry(r, c));
  std::vector<std::uint64_t> order(rows * cols);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(42));
  const RandomMedium again(7, 64);  // a fresh instance: no hidden state
  for (std::uint64_t k : order) {
    const auto e = again.entry(k / cols, k % cols);
    REQUIRE(e.re == rowMajor[k].re);
    REQUIRE(e.im == rowMajor[k].im);
  }
  // A tiled projection of one-hot frames returns the entries themselves, in any batching.
  BitFrames frames(rows);
  for (std::uint64_t r = rows; r-- > 0;) frames.set(frames.add(), r);  // reversed rows
  std::vector<FieldNumerator> out;
  medium.project(frames, 0, rows, 0, cols, out);
  for (std::uint64_t f = 0; f < rows; ++f)
    for (std::uint64_t c = 0; c < cols; ++c) {
      REQUIRE(out[f * cols + c].re == rowMajor[(rows - 1 - f) * cols + c].re);
      REQUIRE(out[f * cols + c].im == rowMajor[(rows - 1 - f) * cols + c].im);
    }
  // Another seed gives another matrix.
  const RandomMedium other(8, 64);
  CHECK(other.entry(0, 0).re != medium.entry(0, 0).re);
}

namespace {
CameraModel idealCamera() {
  CameraSpec spec;
  spec.exposure = 400 * xpusim::kMicrosecond;
  spec.gainPerMicrosecond = 0.1;
  spec.adc = false;
  return CameraModel(spec, 1);
}

struct Moments {
  double mean = 0, variance = 0;
};
Moments moments(const std::vector<double>& y) {
  Moments m;
  for (double v : y) m.mean += v;
  m.mean /= static_cast<double>(y.size());
  for (double v : y) m.variance += (v - m.mean) * (v - m.mean);
  m.variance /= static_cast<double>(y.size() - 1);
  return m;
}
}  // namespace

// n = 1024 inputs with k = 256 ones, m = 32768 independent outputs (one column of R each).
// (xR)_j ~ CN(0, 2k/n): intensity y = |xR|^2 is exponential with mean = std = 2k/n = 0.5.
// Bounds at 5 standard errors of the estimators for m samples: the mean of an exponential has
// relative standard error 1/sqrt(m) = 0.55%; the sample standard deviation has relative
// standard error sqrt((kurtosis - 1) / (4m)) = sqrt(8 / (4m)) = 0.78% (kurtosis 9); a Gaussian
// sample variance has relative standard error sqrt(2 / (m - 1)) = 0.78%.
TEST_CASE("intensity mode: mean 2k/n and exponential speckle (std/mean = 1)", "[optical]") {
  const std::uint64_t n = 1024, k = 256, m = 32768;
  const RandomMedium medium(0, n);
  const CameraModel camera = idealCamera();
  OpticalCore core(medium, camera, ProjectionMode::kIntensity, {}, n, m);
  InputEncoder threshold({});
  std::vector<double> x(n, 0.0);
  for (std::uint64_t i = 0; i < k; ++i) x[i * (n / k)] = 1;
  std::vector<double> y;
  core.project(threshold, x.data(), 1, 0, y);
  const Moments s = moments(y);
  const double expected = 2.0 * k / n;
  CHECK(s.mean == Approx(expected).epsilon(5 / std::sqrt(double(m))));
  CHECK(std::sqrt(s.variance) / s.mean == Approx(1.0).epsilon(5 * std::sqrt(2.0 / m)));
  CHECK(*std::min_element(y.begin(), y.end()) >= 0);
}

TEST_CASE("linear mode: Re(xR) has mean 0 and variance k/n", "[optical]") {
  const std::uint64_t n = 1024, k = 256, m = 32768;
  const RandomMedium medium(3, n);
  const CameraModel camera = idealCamera();
  OpticalCore core(medium, camera, ProjectionMode::kLinear, {}, n, m);
  CHECK(core.framesPerPlane() == 5);  // 1 + 4 anchors
  InputEncoder threshold({});
  std::vector<double> x(n, 0.0);
  for (std::uint64_t i = 0; i < k; ++i) x[n - 1 - i] = 1;
  std::vector<double> y;
  core.project(threshold, x.data(), 1, 0, y);
  const Moments s = moments(y);
  const double variance = double(k) / n;
  CHECK(std::fabs(s.mean) < 5 * std::sqrt(variance / m));
  CHECK(s.variance == Approx(variance).epsilon(5 * std::sqrt(2.0 / (m - 1))));
}
