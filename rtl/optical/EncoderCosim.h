#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/optical/DmdLayout.h"
#include "models/optical/InputEncoder.h"
#include "rtl/cosim/CosimOutcome.h"
#include "rtl/cosim/WaveWindow.h"
#include "sim/core/Random.h"
#include "sim/cosim/StreamChecker.h"

namespace xpusim::rtl {

/// One input-encoder co-simulation case: a batch of seeded Q7.8 samples encoded and laid out
/// on DMD rows.
struct EncoderCosimCase {
  optical::EncodingSpec encoding;  ///< threshold in real units (a multiple of 1/256)
  std::uint64_t features = 100, vectors = 2;
  optical::DmdLayout layout;
  std::uint64_t seed = 1;
  cosim::CheckMode mode = cosim::CheckMode::kExact;
  WaveWindow wave;  ///< a VCD of the RTL (traced build) when wave.file is set
  /// Test-only perturbation of the model: records at or after this cycle are one cycle late.
  Cycle modelDelayFrom = std::numeric_limits<Cycle>::max();
};

/// What running the model and the RTL side by side gave.
struct EncoderCosimResult : CosimOutcome {
  std::uint64_t frames = 0, rowWords = 0;  ///< frames and row words the model wrote
  bool ok() const { return agrees(cosim::CheckMode::kExact); }
};

/// Empty when `c` fits the RTL (rtl/optical/input_encoder.sv sizes) and its layout holds the
/// features, else the reason (a bad-input message).
std::string checkEncoderCase(const EncoderCosimCase& c);

/// The case's samples: vectors x features raw Q7.8 values drawn from the seed, each vector
/// with its own amplitude (1 to 2^15) so the batch maximum varies.
std::vector<std::int64_t> encoderSamples(const EncoderCosimCase& c);
/// The same drawn from `random` (c.seed unused).
std::vector<std::int64_t> encoderSamples(const EncoderCosimCase& c, Random& random);

/// The case's threshold as the RTL's raw Q7.8 input (cfg_threshold).
std::int64_t rawThreshold(const EncoderCosimCase& c);
/// The batch's max |x| as the RTL's raw Q7.8 input (cfg_max_abs): M of the model's encoder.
std::int64_t rawMaxAbs(const std::vector<std::int64_t>& samples);

/// Runs the case through the model's canonical stream (optical::encoderStream) and the
/// Verilated RTL and compares the streams. `c` must pass checkEncoderCase.
EncoderCosimResult runEncoderCosim(const EncoderCosimCase& c);

/// The `xpusim cosim optical ...` command line that re-runs `c` with a VCD around `cycle`.
std::string reproduceCommand(const EncoderCosimCase& c, Cycle cycle);

}  // namespace xpusim::rtl
