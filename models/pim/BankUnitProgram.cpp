#include "models/pim/BankUnitProgram.h"

namespace xpusim {

namespace {

/// A command and its draw weight.
struct Weight {
  BankUnitOp op;
  std::uint32_t weight;
};
/// With a row open: mostly MACs.
constexpr Weight kOpenRowMix[] = {
    {BankUnitOp::kPre, 2},      {BankUnitOp::kMacAbk, 12}, {BankUnitOp::kMacSbk, 4},
    {BankUnitOp::kWrGb, 4},     {BankUnitOp::kRdMac, 4},   {BankUnitOp::kCopyBkGb, 2},
    {BankUnitOp::kCopyGbBk, 3}, {BankUnitOp::kEwAdd, 2},   {BankUnitOp::kEwMul, 2},
};
/// With the banks closed: mostly ACT16, sometimes a buffer write or a read-out.
constexpr Weight kClosedMix[] = {
    {BankUnitOp::kAct, 6}, {BankUnitOp::kWrGb, 2}, {BankUnitOp::kRdMac, 1}};

template <std::size_t N>
BankUnitOp draw(const Weight (&mix)[N], Random& random) {
  std::uint32_t total = 0;
  for (const Weight& w : mix) total += w.weight;
  auto pick = static_cast<std::uint32_t>(random.below(total));
  for (const Weight& w : mix) {
    if (pick < w.weight) return w.op;
    pick -= w.weight;
  }
  return mix[N - 1].op;
}

}  // namespace

std::vector<BankUnitCommand> randomBankUnitProgram(const DramOrganisation& org, std::uint64_t ops,
                                                   Random& random) {
  std::vector<BankUnitCommand> program;
  program.reserve(ops);
  bool open = false;
  std::uint32_t row = 0;
  std::vector<std::uint32_t> loaded;  // columns whose buffer entry was written
  for (std::uint64_t i = 0; i < ops; ++i) {
    BankUnitCommand c;
    c.op = open ? draw(kOpenRowMix, random) : draw(kClosedMix, random);
    if (c.op == BankUnitOp::kAct) {
      row = static_cast<std::uint32_t>(random.below(org.rows));
      open = true;
    } else if (c.op == BankUnitOp::kPre) {
      open = false;
    }
    if (c.op == BankUnitOp::kAct || bankUnitAddressesRow(c.op)) c.row = row;
    if (c.op != BankUnitOp::kAct && c.op != BankUnitOp::kPre && c.op != BankUnitOp::kRdMac)
      c.column = static_cast<std::uint32_t>(random.below(org.burstsPerRow()));
    const bool readsBuffer = c.op == BankUnitOp::kMacAbk || c.op == BankUnitOp::kMacSbk ||
                             c.op == BankUnitOp::kEwAdd || c.op == BankUnitOp::kEwMul;
    if (readsBuffer && !loaded.empty() && random.below(8) != 0)  // mostly a loaded entry
      c.column = loaded[random.below(loaded.size())];
    if (c.op == BankUnitOp::kWrGb || c.op == BankUnitOp::kCopyBkGb) loaded.push_back(c.column);
    const bool carriesData =
        c.op == BankUnitOp::kWrGb || (bankUnitAddressesRow(c.op) && c.op != BankUnitOp::kCopyGbBk);
    for (auto& v : c.data)
      if (carriesData) v = static_cast<std::int8_t>(static_cast<int>(random.below(256)) - 128);
    program.push_back(c);
  }
  return program;
}

}  // namespace xpusim
