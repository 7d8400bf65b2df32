#pragma once
#include <cstdint>

namespace xpusim {

/// Simulated time in integer picoseconds. Never floating point.
using Tick = std::uint64_t;
/// A count of clock cycles of some clock domain.
using Cycle = std::uint64_t;
/// A byte address in a memory's address space.
using Addr = std::uint64_t;

inline constexpr Tick kPicosecond = 1;
inline constexpr Tick kNanosecond = 1000;
inline constexpr Tick kMicrosecond = 1000 * kNanosecond;
inline constexpr Tick kMillisecond = 1000 * kMicrosecond;
inline constexpr Tick kSecond = 1000 * kMillisecond;
inline constexpr Tick kMaxTick = ~Tick{0};

}  // namespace xpusim
