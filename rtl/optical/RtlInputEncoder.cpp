#include "rtl/optical/RtlInputEncoder.h"

#include <Vinput_encoder.h>
#include <fmt/format.h>

#include "models/optical/EncoderStream.h"
#include "rtl/cosim/ResultCheck.h"
#include "rtl/optical/EncoderRtlDriver.h"
#include "sim/core/Simulation.h"

namespace xpusim::rtl {

namespace {
using optical::EncodingSpec;
}  // namespace

ComponentInfo RtlInputEncoder::describe() {
  ComponentInfo info;
  info.type = "rtl_input_encoder";
  info.summary =
      "Verilated OPU input-encoder RTL (threshold or bit planes -> DMD row words) encoding one "
      "seeded batch, one RTL cycle per clock edge";
  info.params = {
      Param::clock("clock", "encoder clock; one RTL cycle per edge (assumed FPGA fabric clock)")
          .def("100MHz"),
      Param::choice("mode", {"threshold", "bitplane"},
                    "threshold binarisation or bit planes of round(|x| L / M)")
          .def("threshold"),
      Param::real("threshold", "Q7.8", "threshold: pixel on when x > this (multiple of 1/256)")
          .def("0"),
      Param::uint("precision", "bits", "bitplane: bits per magnitude, 1 to 8").def("6"),
      Param::flag("signed", "bitplane: separate planes for negative values").def("false"),
      Param::uint("features", "samples", "samples per vector (DMD pixels), 1 to 1024").def("100"),
      Param::uint("vectors", "vectors", "vectors in the batch").def("2"),
      Param::uint("width", "mirrors", "DMD mirrors per row, 1 to 64").def("64"),
      Param::uint("col0", "mirrors", "first column of the active area").def("0"),
      Param::uint("cols", "mirrors", "columns of the active area (default: width - col0)")
          .optionalValue(),
      Param::uint("row0", "rows", "first row of the active area").def("0"),
      Param::uint("height", "rows", "DMD rows per frame (default: row0 + active rows)")
          .optionalValue(),
      Param::flag("pad", "mirrors outside the active area on (true) or off").def("false"),
  };
  info.stats = {
      {"cycles", "cycles", "cycles of the batch (the last row word's cycle + 1)"},
      {"row_words", "words", "DMD row words written"},
      {"mismatches", "records", "row-word and row-plane records differing from the model's"},
  };
  return info;
}

RtlInputEncoder::RtlInputEncoder(BuildContext& ctx) : RtlComponent(ctx) {
  useClock(params().clock("clock"));
  EncodingSpec& e = case_.encoding;
  const bool bitplane = params().choice("mode") == "bitplane";
  e.kind = bitplane ? EncodingSpec::Kind::kBitPlane : EncodingSpec::Kind::kThreshold;
  e.threshold = params().real("threshold");
  e.precision = static_cast<unsigned>(params().uint("precision"));
  e.isSigned = params().flag("signed");
  case_.features = params().uint("features");
  case_.vectors = params().uint("vectors");
  optical::DmdLayout& l = case_.layout;
  l.width = params().uint("width");
  l.col0 = params().uint("col0");
  l.cols = params().has("cols") ? params().uint("cols") : l.width > l.col0 ? l.width - l.col0 : 0;
  l.row0 = params().uint("row0");
  l.pad = params().flag("pad");
  l.height = params().has("height") ? params().uint("height")
             : l.cols               ? l.row0 + l.activeRows(case_.features)
                                    : 0;
  if (const std::string bad = checkEncoderCase(case_); !bad.empty())
    throw caseError(bad, params().has("height") ? "height" : "cols");
  stat("row_words", rowWords_);
  stat("mismatches", mismatches_);
}

RtlInputEncoder::~RtlInputEncoder() = default;

void RtlInputEncoder::start() {
  Random random = sim().random(*this);
  samples_ = encoderSamples(case_, random);
  run(std::make_unique<EncoderRtlDriver<Vinput_encoder>>(case_.encoding, rawThreshold(case_),
                                                         rawMaxAbs(samples_), case_.layout,
                                                         samples_, case_.features));
}

void RtlInputEncoder::finish(bool drained) {
  if (!driver()) return;
  checkRan(drained, driver()->done() && !driver()->hung(), "row words missing");
  const cosim::Stream model =
      optical::encoderStream(optical::InputEncoder(case_.encoding), case_.layout, samples_,
                             case_.vectors, case_.features, EncoderRtlLimits::kLanes);
  const auto& rtl = driver()->stream();
  rowWords_ = countRecords(rtl, {optical::kRowWordPort});
  mismatches_ = resultMismatches(model, rtl, {optical::kRowWordPort, optical::kRowPlanePort});
}

void RtlInputEncoder::summarize(SummaryLines& lines) const {
  lines.emplace_back(path(), fmt::format("{} RTL cycles, {} row words, {} mismatches", cycles_,
                                         rowWords_, mismatches_));
}

XPUSIM_REGISTER_COMPONENT(RtlInputEncoder)

}  // namespace xpusim::rtl
