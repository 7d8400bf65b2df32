#pragma once
#include <cstdint>
#include <initializer_list>

#include "sim/cosim/StreamRecord.h"

namespace xpusim::rtl {

/// Records of `ports` in `s`.
std::uint64_t countRecords(const cosim::Stream& s, std::initializer_list<std::uint16_t> ports);

/// The RTL's result values checked against the model's: the records of `ports` in each stream,
/// in stream order, compared pairwise by (port, lane, value) (cycles are checked by the cycle
/// count). Counts the RTL records that differ from the model's record at the same position or
/// have none; model records the RTL has not reached (a run stopped early) are not counted.
std::uint64_t resultMismatches(const cosim::Stream& model, const cosim::Stream& rtl,
                               std::initializer_list<std::uint16_t> ports);

}  // namespace xpusim::rtl
