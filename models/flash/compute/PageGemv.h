#pragma once
#include <cstdint>
#include <vector>

namespace xpusim::flash {

/// The functional GEMV of a die's compute core on one (ECC-corrected) weight page: the page
/// holds rows of `vector.size()` int8 weights, row-major; row r's int32 sum is
/// sum_c weights[r * C + c] * vector[c]. Throws std::invalid_argument when the page is not a
/// whole number of rows (or the vector is empty).
std::vector<std::int32_t> pageGemv(const std::vector<std::int8_t>& weights,
                                   const std::vector<std::int8_t>& vector);

}  // namespace xpusim::flash
