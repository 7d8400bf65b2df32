#pragma once
#include <cstdint>
#include <vector>

#include "rtl/cosim/RtlComponent.h"
#include "rtl/optical/EncoderCosim.h"

class Vinput_encoder;

namespace xpusim::rtl {

template <class V>
class EncoderRtlDriver;

/// The Verilated OPU input encoder (rtl/optical/input_encoder.sv) as an engine component: on its
/// clock it encodes one batch of seeded Q7.8 samples (the run's random stream for this
/// component) into DMD row words, one RTL cycle per clock edge, then checks every row word
/// against the model's (optical::encoderStream: InputEncoder + DmdLayout). Cycle law per
/// vector: ceil(features / 4) input beats + planes x height row words.
class RtlInputEncoder : public RtlComponent<EncoderRtlDriver<Vinput_encoder>> {
 public:
  static ComponentInfo describe();
  explicit RtlInputEncoder(BuildContext& ctx);
  ~RtlInputEncoder() override;

  void start() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;

 private:
  EncoderCosimCase case_;
  std::vector<std::int64_t> samples_;
  std::uint64_t rowWords_ = 0, mismatches_ = 0;
};

}  // namespace xpusim::rtl
