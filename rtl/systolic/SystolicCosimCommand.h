#pragma once
#include <string>

#include "rtl/cosim/CosimTarget.h"
#include "rtl/cosim/WaveOptions.h"

namespace xpusim::rtl {

/// `xpusim cosim systolic`: one GEMM of seeded int8 operands through the systolic-array
/// model's canonical stream and the Verilated RTL (rtl/systolic/systolic_array.sv).
class SystolicCosimCommand : public CosimTarget {
 public:
  void addOptions(CLI::App& command) override;
  int run(std::ostream& out, std::ostream& err) override;

 private:
  std::uint64_t rows_ = 4, cols_ = 4;
  std::string dataflow_ = "os";
  std::string gemm_ = "4x4x4";
  std::uint64_t seed_ = 1;
  WaveOptions waves_;
  bool relaxed_ = false;
};

}  // namespace xpusim::rtl
