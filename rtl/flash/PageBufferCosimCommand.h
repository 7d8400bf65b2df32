#pragma once
#include <string>

#include "rtl/cosim/CosimTarget.h"
#include "rtl/cosim/WaveOptions.h"

namespace xpusim::rtl {

/// `xpusim cosim flash`: seeded page-buffer commands (bulk bitwise over sensed operands, or
/// int8 MACs on an ECC-corrected weight page) through the model's canonical stream
/// (flash::pageBufferStream) and the Verilated RTL (rtl/flash/page_buffer_unit.sv).
class PageBufferCosimCommand : public CosimTarget {
 public:
  void addOptions(CLI::App& command) override;
  int run(std::ostream& out, std::ostream& err) override;

 private:
  std::string op_ = "and";
  std::uint64_t pageBytes_ = 512, operands_ = 1, blocks_ = 0, rowBytes_ = 64, commands_ = 1;
  std::uint64_t seed_ = 1;
  double rber_ = 0;
  bool invert_ = false, relaxed_ = false;
  WaveOptions waves_;
};

}  // namespace xpusim::rtl
