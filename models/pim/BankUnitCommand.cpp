#include "models/pim/BankUnitCommand.h"

namespace xpusim {

const char* bankUnitOpName(BankUnitOp op) {
  static constexpr const char* kNames[] = {"ACT16",  "PREA",      "MAC_ABK",   "MAC_SBK", "WR_GB",
                                           "RD_MAC", "COPY_BKGB", "COPY_GBBK", "EWADD",   "EWMUL"};
  return op < BankUnitOp::kCount ? kNames[static_cast<std::size_t>(op)] : "?";
}

DramCommand bankUnitTimedAs(BankUnitOp op) {
  switch (op) {
    case BankUnitOp::kAct:
      return DramCommand::kActAb;
    case BankUnitOp::kPre:
      return DramCommand::kPreAll;
    case BankUnitOp::kMacSbk:
      return DramCommand::kMacSb;
    case BankUnitOp::kWrGb:
      return DramCommand::kWrGb;
    case BankUnitOp::kRdMac:
      return DramCommand::kRdMac;
    case BankUnitOp::kCopyBkGb:
      return DramCommand::kRead;
    case BankUnitOp::kCopyGbBk:
      return DramCommand::kWrite;
    default:  // MAC_ABK and the element-wise column operations
      return DramCommand::kMacAb;
  }
}

bool bankUnitAddressesRow(BankUnitOp op) {
  switch (op) {
    case BankUnitOp::kMacAbk:
    case BankUnitOp::kMacSbk:
    case BankUnitOp::kCopyBkGb:
    case BankUnitOp::kCopyGbBk:
    case BankUnitOp::kEwAdd:
    case BankUnitOp::kEwMul:
      return true;
    default:
      return false;
  }
}

}  // namespace xpusim
