#pragma once
#include <cstdint>
#include <vector>

#include "models/memory/dram/DramSpec.h"
#include "models/pim/BankUnitCommand.h"
#include "sim/core/Random.h"

namespace xpusim {

/// A random legal command sequence of `ops` commands for one AiM bank unit of a device
/// organised as `org`: an ACT16 only with the banks closed, column commands only to the open
/// row, PREA only with a row open; rows and columns uniform over the device's, operands uniform
/// int8; MACs and element-wise ops mostly address buffer entries written before. Open-row commands
/// are drawn mostly as MACs (the GEMV inner loop) with WR_GB, RD_MAC, copies, element-wise ops and
/// PREA mixed in, so every timing edge between them occurs.
std::vector<BankUnitCommand> randomBankUnitProgram(const DramOrganisation& org, std::uint64_t ops,
                                                   Random& random);

}  // namespace xpusim
