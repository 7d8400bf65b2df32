#pragma once
#include <optional>
#include <ostream>
#include <string>

#include "rtl/cosim/SystolicCosim.h"

namespace xpusim::cli {

/// What `xpusim cosim systolic` is given on the command line.
struct CosimRequest {
  std::uint64_t rows = 4, cols = 4;
  std::string dataflow = "os";
  std::string gemm = "4x4x4";
  std::uint64_t seed = 1;
  std::optional<std::string> vcd, fst;
  std::optional<std::string> window;  ///< "FROM:TO" cycles dumped to the waveform
  bool relaxed = false;
};

/// Runs the systolic model and its RTL side by side; prints both cycle counts, the stream and
/// value checks and the speed of each. Exit 0 on a match, 1 on any mismatch, 2 on bad input.
int cosimSystolicCommand(const CosimRequest& request, std::ostream& out, std::ostream& err);

}  // namespace xpusim::cli
