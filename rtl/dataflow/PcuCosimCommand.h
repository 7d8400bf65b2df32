#pragma once
#include <string>

#include "rtl/cosim/CosimTarget.h"
#include "rtl/cosim/WaveOptions.h"

namespace xpusim::rtl {

/// `xpusim cosim pcu`: one PCU lane (a stage program over seeded or ramp inputs, with input
/// gaps and an output stall pattern) through the dataflow model's canonical stream and the
/// Verilated RTL (rtl/dataflow/pcu_lane.sv).
class PcuCosimCommand : public CosimTarget {
 public:
  void addOptions(CLI::App& command) override;
  int run(std::ostream& out, std::ostream& err) override;

 private:
  std::uint32_t stages_ = 3, ii_ = 1, inputDepth_ = 8, outputDepth_ = 8, inputGap_ = 0;
  std::string program_ = "random";
  std::string values_ = "random";
  std::string stall_ = "none";
  std::uint64_t tokens_ = 32;
  std::uint64_t seed_ = 1;
  WaveOptions waves_;
};

}  // namespace xpusim::rtl
