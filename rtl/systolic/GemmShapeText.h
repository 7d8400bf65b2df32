#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "models/systolic/Dataflow.h"

namespace xpusim::rtl {

/// The largest array the systolic RTL is synthesised at (rows and columns).
inline constexpr std::uint64_t kMaxRtlDim = 16;

/// "MxNxK" (each >= 1) -> GemmShape; nullopt when malformed.
std::optional<systolic::GemmShape> parseGemmShape(std::string_view text);

}  // namespace xpusim::rtl
