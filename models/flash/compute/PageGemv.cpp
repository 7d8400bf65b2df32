#include "models/flash/compute/PageGemv.h"

#include <stdexcept>
#include <string>

namespace xpusim::flash {

std::vector<std::int32_t> pageGemv(const std::vector<std::int8_t>& weights,
                                   const std::vector<std::int8_t>& vector) {
  const std::size_t cols = vector.size();
  if (cols == 0 || weights.size() % cols != 0)
    throw std::invalid_argument("page GEMV: a page of " + std::to_string(weights.size()) +
                                " weights is not a whole number of " + std::to_string(cols) +
                                "-element rows");
  std::vector<std::int32_t> sums(weights.size() / cols, 0);
  for (std::size_t r = 0; r < sums.size(); ++r)
    for (std::size_t c = 0; c < cols; ++c)
      sums[r] += static_cast<std::int32_t>(weights[r * cols + c]) * vector[c];
  return sums;
}

}  // namespace xpusim::flash
