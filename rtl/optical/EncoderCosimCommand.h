#pragma once
#include <optional>
#include <string>

#include "rtl/cosim/CosimTarget.h"
#include "rtl/cosim/WaveOptions.h"

namespace xpusim::rtl {

/// `xpusim cosim optical`: a batch of seeded Q7.8 samples through the OPU input encoder's
/// model stream (optical::encoderStream) and its Verilated RTL (rtl/optical/input_encoder.sv).
class EncoderCosimCommand : public CosimTarget {
 public:
  void addOptions(CLI::App& command) override;
  int run(std::ostream& out, std::ostream& err) override;

 private:
  std::string mode_;
  std::uint64_t features_ = 0, vectors_ = 2, seed_ = 1;
  unsigned precision_ = 6;
  bool signed_ = false, relaxed_ = false;
  double threshold_ = 0;
  std::uint64_t width_ = 64, col0_ = 0, row0_ = 0, pad_ = 0;
  std::optional<std::uint64_t> cols_, height_;
  WaveOptions waves_;
};

}  // namespace xpusim::rtl
