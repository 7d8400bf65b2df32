#pragma once
#include <optional>
#include <ostream>
#include <string>

#include "rtl/cosim/WaveWindow.h"

namespace CLI {
class App;
}

namespace xpusim::rtl {

/// The waveform options of an `xpusim cosim` target: --vcd FILE, --fst FILE (only for blocks
/// with an FST-traced build) and --window FROM:TO (cycles, both included).
class WaveOptions {
 public:
  /// Declares the options on `command`; --fst only when `fst`.
  void add(CLI::App& command, bool fst = false);
  /// The waveform asked for (file empty: none). nullopt after printing the reason to `err`
  /// when --window is malformed or given without a waveform file.
  std::optional<WaveWindow> window(std::ostream& err) const;

 private:
  std::optional<std::string> vcd_, fst_, window_;
  bool fstOffered_ = false;
};

}  // namespace xpusim::rtl
