#include "rtl/systolic/GemmShapeText.h"

#include <charconv>

namespace xpusim::rtl {

std::optional<systolic::GemmShape> parseGemmShape(std::string_view text) {
  std::uint64_t dims[3];
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 3; ++i) {
    if (i > 0) {
      if (p == end || (*p != 'x' && *p != 'X')) return std::nullopt;
      ++p;
    }
    auto [next, ec] = std::from_chars(p, end, dims[i]);
    if (ec != std::errc() || dims[i] == 0) return std::nullopt;
    p = next;
  }
  if (p != end) return std::nullopt;
  return systolic::GemmShape{dims[0], dims[1], dims[2]};
}

}  // namespace xpusim::rtl
