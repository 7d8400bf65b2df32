#include "rtl/cosim/WaveWindow.h"

#include <charconv>

namespace xpusim::rtl {

const char* waveFormatName(WaveFormat format) {
  return format == WaveFormat::kFst ? "fst" : "vcd";
}

std::optional<std::pair<Cycle, Cycle>> parseCycleWindow(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  Cycle from = 0, to = 0;
  const char* s = text.data();
  const auto a = std::from_chars(s, s + colon, from);
  const auto b = std::from_chars(s + colon + 1, s + text.size(), to);
  if (a.ec != std::errc() || a.ptr != s + colon || b.ec != std::errc() ||
      b.ptr != s + text.size() || from > to)
    return std::nullopt;
  return std::pair{from, to};
}

}  // namespace xpusim::rtl
