#pragma once
#include <array>
#include <string>
#include <string_view>

#include "models/memory/dram/DramCommand.h"
#include "models/memory/dram/DramSpec.h"
#include "sim/core/Tick.h"

namespace xpusim {

/// Maps byte addresses to DRAM locations by slicing bit fields in a given order.
///
/// The order is a string of two-letter fields, most significant first, case-insensitive:
/// Ch (channel), Pc (pseudo-channel), Ra (rank), Bg (bank group), Ba (bank), Ro (row),
/// Co (column burst), e.g. Ramulator's "RoBaRaCoCh" or DRAMsim3's "robabgracoch". Like
/// Ramulator, a string without Bg lets Ba cover the bank group in its low bits and the bank
/// above, and one without Pc lets Ra cover the pseudo-channel in its low bits and the rank above,
/// so "RoBaRaCoCh" and "robabgracoch" are the same mapping. Below every field sit log2(burst
/// bytes) offset bits; address bits above the last field are ignored (the address space wraps
/// at the device capacity).
class AddressMapper {
 public:
  /// Throws std::invalid_argument naming the problem (unknown, repeated or missing field).
  AddressMapper(const DramOrganisation& org, std::string_view order);

  DramAddress map(Addr addr) const;
  /// Bits below the first field: log2 of the burst size in bytes.
  unsigned offsetBits() const { return offsetBits_; }

 private:
  enum Field : std::uint8_t { kCh, kPc, kRa, kBg, kBa, kRo, kCo, kFields };
  /// Each field is one contiguous bit slice: its position in the address and its mask (0 for a
  /// field of width 0).
  std::array<unsigned, kFields> shift_{};
  std::array<Addr, kFields> mask_{};
  unsigned offsetBits_ = 0;
};

}  // namespace xpusim
