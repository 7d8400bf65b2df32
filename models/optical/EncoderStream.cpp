#include "models/optical/EncoderStream.h"

#include <algorithm>

namespace xpusim::optical {

std::vector<std::string> encoderPortNames() {
  return {"sample", "row_word", "row_plane"};
}

std::vector<double> encoderInputs(const std::vector<std::int64_t>& samples) {
  std::vector<double> x(samples.size());
  constexpr double kScale = 1.0 / (1u << kEncoderFractionBits);
  for (std::size_t i = 0; i < samples.size(); ++i) x[i] = static_cast<double>(samples[i]) * kScale;
  return x;
}

cosim::Stream encoderStream(const InputEncoder& encoder, const DmdLayout& layout,
                            const std::vector<std::int64_t>& samples, std::uint64_t vectors,
                            std::uint64_t features, std::uint64_t lanes, Cycle delayFrom) {
  cosim::Stream s;
  s.ports = encoderPortNames();
  const std::vector<double> x = encoderInputs(samples);
  BitFrames frames(features);
  encoder.encode(x.data(), vectors, features, frames);
  const EncoderTiming law{lanes, features, encoder.planes(), layout.height};
  auto& out = s.records;
  for (std::uint64_t v = 0; v < vectors; ++v) {
    for (std::uint64_t i = 0; i < features; ++i)
      out.push_back({law.beatStamp(v, i / lanes), kSamplePort,
                     static_cast<std::uint16_t>(i % lanes), samples[v * features + i]});
    for (std::uint64_t p = 0; p < law.planes; ++p)
      for (std::uint64_t r = 0; r < layout.height; ++r) {
        const Cycle at = law.rowStamp(v, p, r);
        const auto row = static_cast<std::uint16_t>(r);
        const std::uint64_t word =
            layout.rowBits(frames, v * law.planes + p, r, 0, static_cast<unsigned>(layout.width));
        out.push_back({at, kRowWordPort, row, static_cast<std::int64_t>(word)});
        out.push_back({at, kRowPlanePort, row, static_cast<std::int64_t>(p)});
      }
  }
  for (auto& r : out)
    if (r.cycle >= delayFrom) ++r.cycle;
  std::sort(out.begin(), out.end());
  return s;
}

}  // namespace xpusim::optical
