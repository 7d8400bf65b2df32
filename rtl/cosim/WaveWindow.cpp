#include "rtl/cosim/WaveWindow.h"

namespace xpusim::rtl {

const char* waveFormatName(WaveFormat format) {
  return format == WaveFormat::kFst ? "fst" : "vcd";
}

}  // namespace xpusim::rtl
