#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/memory/dram/DramCommand.h"

namespace xpusim {

/// Commands of one AiM bank unit (the command interface of rtl/pim/aim_bank_unit.sv, the same
/// numbering): the DRAM-level PIM commands one bank's unit sees, in the issue order the
/// controller gives them.
enum class BankUnitOp : std::uint8_t {
  kAct,       ///< ACT16: all-bank activate of `row`
  kPre,       ///< PREA: precharge all banks
  kMacAbk,    ///< MAC_ABK: all-bank MAC of `column` with global-buffer entry `column`
  kMacSbk,    ///< MAC_SBK: the same as a single-bank command
  kWrGb,      ///< WR_GB: `data` into global-buffer entry `column`
  kRdMac,     ///< RD_MAC: read out the reduced accumulators and clear them
  kCopyBkGb,  ///< COPY_BKGB: bank column `column` into global-buffer entry `column`
  kCopyGbBk,  ///< COPY_GBBK: global-buffer entry `column` out to bank column `column`
  kEwAdd,     ///< EWADD: buffer entry = saturate(bank column + buffer entry), per int8 element
  kEwMul,     ///< EWMUL: buffer entry = saturate(bank column x buffer entry), per int8 element
  kCount
};

/// "ACT16", "PREA", "MAC_ABK", ...
const char* bankUnitOpName(BankUnitOp op);

/// The DRAM command whose timing edges an opcode obeys in the model: the PIM commands as
/// themselves, COPY_BKGB as a column read, COPY_GBBK as a column write, and the element-wise
/// ops as all-bank column operations (how PimRankProgram::addColumnOps times them).
DramCommand bankUnitTimedAs(BankUnitOp op);

/// Whether the opcode addresses a column of the open row.
bool bankUnitAddressesRow(BankUnitOp op);

/// INT8 elements of one 32-byte column (one burst of a GDDR6 x16 channel).
inline constexpr std::size_t kBankUnitElements = 32;
using BankColumn = std::array<std::int8_t, kBankUnitElements>;

/// One command as presented to the unit. `data` is the bank column the array read for MACs,
/// copies and element-wise ops (the bank is outside the unit), or the WR_GB write data.
struct BankUnitCommand {
  BankUnitOp op = BankUnitOp::kAct;
  std::uint32_t row = 0;
  std::uint32_t column = 0;
  BankColumn data{};
};

}  // namespace xpusim
