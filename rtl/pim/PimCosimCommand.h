#pragma once
#include <cstdint>
#include <string>

#include "rtl/cosim/CosimTarget.h"
#include "rtl/cosim/WaveOptions.h"

namespace xpusim::rtl {

/// `xpusim cosim pim`: a random legal command sequence through one AiM bank unit, the PIM
/// model's canonical stream (models/pim/BankUnitStream.h) against the Verilated RTL
/// (rtl/pim/aim_bank_unit.sv).
class PimCosimCommand : public CosimTarget {
 public:
  void addOptions(CLI::App& command) override;
  int run(std::ostream& out, std::ostream& err) override;

 private:
  std::string preset_;
  std::uint64_t ops_ = 0;
  std::uint64_t seed_ = 1;
  WaveOptions waves_;
};

}  // namespace xpusim::rtl
