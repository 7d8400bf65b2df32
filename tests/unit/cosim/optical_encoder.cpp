// Co-simulation of the OPU input encoder (models/optical InputEncoder + DmdLayout, stamped by
// EncoderTiming) against its Verilated RTL (rtl/optical/input_encoder.sv).
#include <Vinput_encoder.h>

#include <catch2/catch.hpp>

#include "models/optical/EncoderStream.h"
#include "rtl/optical/EncoderCosim.h"
#include "rtl/optical/EncoderRtlDriver.h"
#include "sim/core/Random.h"

using namespace xpusim;
using namespace xpusim::rtl;
using optical::DmdLayout;
using optical::EncodingSpec;

namespace {

EncoderCosimCase makeCase(EncodingSpec::Kind kind, unsigned precision, bool isSigned,
                          std::uint64_t features, std::uint64_t vectors, std::uint64_t seed) {
  EncoderCosimCase c;
  c.encoding = {kind, 0, precision, isSigned};
  c.features = features;
  c.vectors = vectors;
  c.layout.height = c.layout.activeRows(features);
  c.seed = seed;
  return c;
}

void requireExact(const EncoderCosimCase& c, Cycle expectCycles) {
  INFO(reproduceCommand(c, 0));
  REQUIRE(checkEncoderCase(c).empty());
  const EncoderCosimResult r = runEncoderCosim(c);
  INFO(r.check.diff);
  REQUIRE(r.check.match);
  REQUIRE(r.modelCycles == expectCycles);
  REQUIRE(r.rtlCycles == expectCycles);
}

/// The row words (value of each row_word record) of a stream, in order.
std::vector<std::int64_t> rowWords(const cosim::Stream& s) {
  std::vector<std::int64_t> words;
  for (const auto& r : s.records)
    if (r.port == optical::kRowWordPort) words.push_back(r.value);
  return words;
}

}  // namespace

TEST_CASE("cosim optical: hand-derived bit planes, padding and cycles") {
  // Signed 2-bit planes of x = {1, -0.5, 2, 0, -2} (raw Q7.8 256, -128, 512, 0, -512): M = 2,
  // L = 3, q = round(|x| * 3 / 2) = {2 (1.5: a tie, away from zero), 1, 3, 0, 3}, signs
  // {+, -, +, 0, -}. Planes (MSB first, then the negative part):
  //   p0 {1,0,1,0,0}  p1 {0,0,1,0,0}  p2 {0,0,0,0,1}  p3 {0,1,0,0,1}.
  // Layout: 8-mirror rows, active columns 1..3 from row 1, 3 rows, padding on. Row 0 is all
  // padding (0xff); row 1 holds pixels 0..2 at bits 1..3, row 2 pixels 3..4 at bits 1..2.
  const std::vector<std::int64_t> samples{256, -128, 512, 0, -512};
  const EncodingSpec spec{EncodingSpec::Kind::kBitPlane, 0, 2, true};
  const DmdLayout layout{8, 3, 1, 3, 1, true};
  const std::vector<std::int64_t> expect{0xff, 0xfb, 0xf9, 0xff, 0xf9, 0xf9,
                                         0xff, 0xf1, 0xfd, 0xff, 0xf5, 0xfd};
  const cosim::Stream model =
      optical::encoderStream(optical::InputEncoder(spec), layout, samples, 1, 5, 4);
  CHECK(rowWords(model) == expect);
  EncoderRtlDriver<Vinput_encoder> rtl(spec, 0, 512, layout, samples, 5);
  while (rtl.step()) {
  }
  CHECK(rowWords(rtl.stream()) == expect);
  // B = ceil(5 / 4) = 2 beats, then 4 planes x 3 rows: 14 cycles; row (p, r) at 2 + 3p + r.
  CHECK(rtl.cycles() == 14);
  CHECK(model.records.back().cycle == 13);
  CHECK(model.records == rtl.stream().records);
}

TEST_CASE("cosim optical: the CLI cases follow the B + planes x height law") {
  // threshold, 100 features, 64-mirror rows: 25 beats + 2 rows = 27 per vector, 2 vectors.
  requireExact(makeCase(EncodingSpec::Kind::kThreshold, 1, false, 100, 2, 1), 54);
  // 1 feature, 1 vector: 1 beat + 1 row.
  requireExact(makeCase(EncodingSpec::Kind::kThreshold, 1, false, 1, 1, 2), 2);
  // unsigned 8-bit planes of 1024 features: 256 beats + 8 planes x 16 rows = 384 per vector.
  requireExact(makeCase(EncodingSpec::Kind::kBitPlane, 8, false, 1024, 3, 3), 3 * 384);
  // signed 6-bit planes of 101 features: 26 beats + 12 planes x 2 rows = 50 per vector.
  requireExact(makeCase(EncodingSpec::Kind::kBitPlane, 6, true, 101, 2, 4), 100);
}

TEST_CASE("cosim optical: 150 randomised cases over modes, precisions and ragged layouts") {
  // Features 1..1024 (mostly not a multiple of the 4 lanes nor of the active columns), row
  // widths 1..64 with a random active window and first row, 0..2 spare rows, padding on or off,
  // random Q7.8 thresholds; each case must give identical streams and the law's cycles.
  Random pick(2026, "cosim.optical.cases");
  int cases = 0;
  for (int n = 0; n < 50; ++n) {
    for (int m = 0; m < 3; ++m) {
      const auto kind = m == 0 ? EncodingSpec::Kind::kThreshold : EncodingSpec::Kind::kBitPlane;
      const unsigned precision = static_cast<unsigned>(pick.between(1, 8));
      EncoderCosimCase c =
          makeCase(kind, precision, m == 2, pick.between(1, 1024), pick.between(1, 3), pick.next());
      c.encoding.threshold =
          static_cast<double>(static_cast<std::int64_t>(pick.below(8192)) - 4096) / 256;
      DmdLayout& l = c.layout;
      l.width = pick.between(1, 64);
      l.col0 = pick.below(l.width);
      l.cols = pick.between(1, l.width - l.col0);
      l.row0 = pick.below(3);
      l.height = l.row0 + l.activeRows(c.features) + pick.below(3);
      l.pad = pick.below(2) == 1;
      const optical::EncoderTiming law{EncoderRtlLimits::kLanes, c.features,
                                       optical::InputEncoder(c.encoding).planes(), l.height};
      requireExact(c, c.vectors * law.vectorCycles());
      ++cases;
    }
  }
  REQUIRE(cases == 150);
}

TEST_CASE("cosim optical: a model delayed by one cycle is caught at the first differing record") {
  EncoderCosimCase c = makeCase(EncodingSpec::Kind::kThreshold, 1, false, 100, 2, 1);
  c.modelDelayFrom = 30;
  const EncoderCosimResult r = runEncoderCosim(c);
  REQUIRE_FALSE(r.check.match);
  // Vector 0: 25 beats of 4 samples (cycles 0..24, records 0..99) and 2 rows of a word and a
  // plane record (cycles 25, 26: records 100..103); vector 1 starts at cycle 27, so its beats
  // 0..2 are records 104..115 and record 116 is lane 0 of beat 3: cycle 30 in the RTL, 31 in
  // the delayed model.
  INFO(r.check.diff);
  CHECK(r.check.diff.find("first difference at record 116:") != std::string::npos);
  CHECK(r.check.diff.find("model cycle 31 sample[0] =") != std::string::npos);
  CHECK(r.check.diff.find("but rtl cycle 30 sample[0] =") != std::string::npos);
  CHECK(r.check.diff.find("xpusim cosim optical --mode threshold --threshold 0 --features 100 "
                          "--vectors 2 --width 64 --col0 0 --cols 64 --row0 0 --height 2 --pad 0 "
                          "--seed 1 --vcd cosim.vcd --window 10:50") != std::string::npos);

  // Relaxed mode accepts the same payloads and counts the late records: beats 3..24 of vector
  // 1 (22 x 4 samples) and its 2 rows (2 x 2 records) = 92.
  c.mode = cosim::CheckMode::kRelaxed;
  const EncoderCosimResult relaxed = runEncoderCosim(c);
  CHECK(relaxed.check.match);
  CHECK(relaxed.check.cycleDeltas == 92);
  CHECK(relaxed.check.maxCycleDelta == 1);
}

TEST_CASE("cosim optical: cases the RTL cannot hold are rejected with the reason") {
  EncoderCosimCase c = makeCase(EncodingSpec::Kind::kBitPlane, 9, false, 100, 1, 1);
  CHECK(checkEncoderCase(c) == "--precision must be 1 to 8");
  c.encoding.precision = 8;
  c.features = 1025;
  CHECK(checkEncoderCase(c) == "--features must be 1 to 1024 (the RTL's vector buffer)");
  c.features = 100;
  c.layout.cols = 32;
  c.layout.height = 3;  // needs ceil(100 / 32) = 4 rows
  CHECK(checkEncoderCase(c) == "100 pixels need rows 0..3 (32 per row) but the frame has 3 rows");
  c.layout.height = 4;
  c.encoding.threshold = 0.001;
  CHECK(checkEncoderCase(c).find("Q7.8") != std::string::npos);
}
