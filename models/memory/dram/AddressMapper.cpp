#include "models/memory/dram/AddressMapper.h"

#include <fmt/format.h>

#include <bit>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace xpusim {

namespace {
unsigned log2of(std::uint32_t v) {
  return static_cast<unsigned>(std::countr_zero(v));
}
}  // namespace

AddressMapper::AddressMapper(const DramOrganisation& org, std::string_view order) {
  static constexpr const char* kNames[] = {"ch", "pc", "ra", "bg", "ba", "ro", "co"};
  const std::array<unsigned, kFields> widths{log2of(org.channels),      log2of(org.pseudoChannels),
                                             log2of(org.ranks),         log2of(org.bankGroups),
                                             log2of(org.banks),         log2of(org.rows),
                                             log2of(org.burstsPerRow())};
  if (order.size() % 2 != 0)
    throw std::invalid_argument(fmt::format(
        "address mapping '{}': expected two-letter fields (Ch Pc Ra Bg Ba Ro Co)", order));
  std::vector<Field> fields;  // most significant first
  std::array<bool, kFields> seen{};
  for (std::size_t i = 0; i < order.size(); i += 2) {
    std::string token{static_cast<char>(std::tolower(order[i])),
                      static_cast<char>(std::tolower(order[i + 1]))};
    unsigned f = 0;
    while (f < kFields && token != kNames[f]) ++f;
    if (f == kFields)
      throw std::invalid_argument(
          fmt::format("address mapping '{}': unknown field '{}' (expected "
                      "Ch, Pc, Ra, Bg, Ba, Ro or Co)",
                      order, order.substr(i, 2)));
    if (seen[f])
      throw std::invalid_argument(
          fmt::format("address mapping '{}': field '{}' appears twice", order, order.substr(i, 2)));
    seen[f] = true;
    fields.push_back(static_cast<Field>(f));
  }
  // Ramulator's implicit fields: Ba covers Bg below it, Ra covers Pc below it.
  std::vector<Field> expanded;
  const bool implicitBg = !seen[kBg], implicitPc = !seen[kPc];
  for (Field f : fields) {
    expanded.push_back(f);
    if (f == kBa && implicitBg) expanded.push_back(kBg);
    if (f == kRa && implicitPc) expanded.push_back(kPc);
    seen[kBg] = seen[kBg] || (f == kBa && implicitBg);
    seen[kPc] = seen[kPc] || (f == kRa && implicitPc);
  }
  for (unsigned f = 0; f < kFields; ++f)
    if (!seen[f] && widths[f] > 0)
      throw std::invalid_argument(
          fmt::format("address mapping '{}': field '{}' is missing but the "
                      "device has {} of them",
                      order, kNames[f], 1u << widths[f]));
  offsetBits_ = log2of(org.burstBytes());
  unsigned shift = offsetBits_;
  for (auto it = expanded.rbegin(); it != expanded.rend(); ++it) {
    const Field f = *it;
    if (widths[f] == 0) continue;
    shift_[f] = shift;
    mask_[f] = (Addr{1} << widths[f]) - 1;
    shift += widths[f];
  }
}

DramAddress AddressMapper::map(Addr addr) const {
  auto field = [&](Field f) { return static_cast<std::uint32_t>((addr >> shift_[f]) & mask_[f]); };
  return DramAddress{field(kCh), field(kPc), field(kRa), field(kBg),
                     field(kBa), field(kRo), field(kCo)};
}

}  // namespace xpusim
