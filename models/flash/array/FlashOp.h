#pragma once
#include <cstdint>

#include "models/flash/array/FlashGeometry.h"
#include "sim/core/Tick.h"

namespace xpusim::flash {

/// Flash commands the array executes, each a list of phases (bus / array / core / bus).
enum class FlashOpKind : std::uint8_t {
  kRead,         ///< cmd/addr -> tR -> data-out
  kProgram,      ///< cmd/addr + data-in -> tPROG
  kErase,        ///< cmd -> tBERS
  kReadCompute,  ///< cmd/addr + input vector in -> tR -> ECC + MACs on the die core -> result out
  kSenseBitwise  ///< cmd/addr -> one multi-word-line sensing (senseTime) -> result page out
};

/// One command for one plane, owned by its requester until the array reports it done.
struct FlashOp {
  FlashOpKind kind = FlashOpKind::kRead;
  PageAddress addr;
  std::uint64_t busInBytes = 0;   ///< data-in (program data, compute input vector)
  std::uint64_t busOutBytes = 0;  ///< data-out (read data, compute result, bitwise result)
  Tick senseTime = 0;             ///< kSenseBitwise: array time of the sensing
  Tick eccTime = 0;               ///< kReadCompute: on-die ECC decode before the MACs
  Tick computeTime = 0;           ///< kReadCompute: MACs on the die's compute core
  std::uint64_t tag = 0;          ///< the requester's own reference
  Tick submitted = 0;             ///< set by the array
  Tick completed = 0;             ///< set by the array

  bool readsArray() const { return kind != FlashOpKind::kProgram && kind != FlashOpKind::kErase; }
};

}  // namespace xpusim::flash
