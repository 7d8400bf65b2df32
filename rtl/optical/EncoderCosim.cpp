#include "rtl/optical/EncoderCosim.h"

#include <Vinput_encoder.h>
#include <Vinput_encoder_traced.h>
#include <fmt/format.h>

#include <cmath>

#include "models/optical/EncoderStream.h"
#include "rtl/optical/EncoderRtlDriver.h"
#include "sim/core/Random.h"

namespace xpusim::rtl {

namespace {

using Limits = EncoderRtlLimits;
constexpr double kRawPerUnit = 1 << optical::kEncoderFractionBits;

template <class V>
EncoderCosimResult run(const EncoderCosimCase& c, const std::vector<std::int64_t>& samples) {
  EncoderCosimResult res;
  const optical::InputEncoder encoder(c.encoding);
  Stopwatch watch;
  const cosim::Stream model = optical::encoderStream(encoder, c.layout, samples, c.vectors,
                                                     c.features, Limits::kLanes, c.modelDelayFrom);
  res.modelCycles = streamCycles(model);
  res.modelSeconds = watch.seconds();
  res.frames = c.vectors * encoder.planes();
  res.rowWords = res.frames * c.layout.height;

  watch = Stopwatch();
  EncoderRtlDriver<V> rtl(c.encoding, rawThreshold(c), rawMaxAbs(samples), c.layout, samples,
                          c.features, c.wave);
  while (rtl.step()) {
  }
  res.rtlCycles = rtl.cycles();
  res.hung = rtl.hung();
  res.rtlSeconds = watch.seconds();

  res.check = cosim::compareStreams(model, rtl.stream(), c.mode,
                                    [&](Cycle at) { return reproduceCommand(c, at); });
  return res;
}

}  // namespace

std::string checkEncoderCase(const EncoderCosimCase& c) {
  const optical::EncodingSpec& e = c.encoding;
  if (c.features < 1 || c.features > Limits::kMaxFeatures)
    return fmt::format("--features must be 1 to {} (the RTL's vector buffer)",
                       Limits::kMaxFeatures);
  if (c.vectors < 1) return "--vectors must be at least 1";
  if (e.kind == optical::EncodingSpec::Kind::kBitPlane &&
      (e.precision < 1 || e.precision > Limits::kMaxPrecision))
    return fmt::format("--precision must be 1 to {}", Limits::kMaxPrecision);
  const double raw = e.threshold * kRawPerUnit;
  if (!(raw >= -32768 && raw <= 32767) || raw != std::floor(raw))
    return "--threshold must be a Q7.8 value: a multiple of 1/256 in [-128, 127.99609375]";
  if (c.layout.width < 1 || c.layout.width > Limits::kMaxWidth)
    return fmt::format("--width must be 1 to {} (the RTL's row word)", Limits::kMaxWidth);
  if (c.layout.height > Limits::kMaxRows)
    return fmt::format("--height must be at most {}", Limits::kMaxRows);
  return c.layout.check(c.features);
}

std::vector<std::int64_t> encoderSamples(const EncoderCosimCase& c) {
  Random random(c.seed, "cosim.optical");
  return encoderSamples(c, random);
}

std::vector<std::int64_t> encoderSamples(const EncoderCosimCase& c, Random& random) {
  std::vector<std::int64_t> samples(c.vectors * c.features);
  for (std::uint64_t v = 0; v < c.vectors; ++v) {
    const std::int64_t amplitude = static_cast<std::int64_t>(random.between(1, 32768));
    for (std::uint64_t i = 0; i < c.features; ++i)
      samples[v * c.features + i] =
          static_cast<std::int64_t>(random.below(2 * static_cast<std::uint64_t>(amplitude))) -
          amplitude;
  }
  return samples;
}

std::int64_t rawThreshold(const EncoderCosimCase& c) {
  return std::llround(c.encoding.threshold * kRawPerUnit);
}

std::int64_t rawMaxAbs(const std::vector<std::int64_t>& samples) {
  const std::vector<double> x = optical::encoderInputs(samples);
  return std::llround(optical::InputEncoder::maxAbs(x.data(), x.size()) * kRawPerUnit);
}

std::string reproduceCommand(const EncoderCosimCase& c, Cycle cycle) {
  const optical::EncodingSpec& e = c.encoding;
  const bool bitplane = e.kind == optical::EncodingSpec::Kind::kBitPlane;
  const optical::DmdLayout& l = c.layout;
  const Cycle from = cycle > 20 ? cycle - 20 : 0;
  return fmt::format(
      "xpusim cosim optical --mode {}{} --features {} --vectors {} --width {} --col0 {} --cols "
      "{} --row0 {} --height {} --pad {} --seed {}{} --vcd cosim.vcd --window {}:{}",
      bitplane ? "bitplane" : "threshold",
      bitplane ? fmt::format(" --precision {}{}", e.precision, e.isSigned ? " --signed" : "")
               : fmt::format(" --threshold {}", e.threshold),
      c.features, c.vectors, l.width, l.col0, l.cols, l.row0, l.height, l.pad ? 1 : 0, c.seed,
      c.mode == cosim::CheckMode::kRelaxed ? " --relaxed" : "", from, cycle + 20);
}

EncoderCosimResult runEncoderCosim(const EncoderCosimCase& c) {
  const std::vector<std::int64_t> samples = encoderSamples(c);
  if (c.wave.file.empty()) return run<Vinput_encoder>(c, samples);
  return run<Vinput_encoder_traced>(c, samples);
}

}  // namespace xpusim::rtl
