#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/Tick.h"

namespace xpusim::rtl {

/// A waveform file format: VCD (text, any viewer) or FST (GTKWave's compressed format).
enum class WaveFormat { kVcd, kFst };

/// "vcd" or "fst".
const char* waveFormatName(WaveFormat format);

/// Which cycles of a co-simulation are dumped to a waveform (empty file: none), and in which
/// format. Cycles are the block's clock cycles, 0 = the first rising edge after reset; both
/// bounds included.
struct WaveWindow {
  std::string file;
  Cycle from = 0;
  Cycle to = ~Cycle{0};
  WaveFormat format = WaveFormat::kVcd;

  bool contains(Cycle c) const { return c >= from && c <= to; }
};

}  // namespace xpusim::rtl
