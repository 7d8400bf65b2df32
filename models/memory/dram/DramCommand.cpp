#include "models/memory/dram/DramCommand.h"

namespace xpusim {

const char* dramCommandName(DramCommand c) {
  switch (c) {
    case DramCommand::kAct:
      return "ACT";
    case DramCommand::kPre:
      return "PRE";
    case DramCommand::kPreAll:
      return "PREA";
    case DramCommand::kRead:
      return "RD";
    case DramCommand::kWrite:
      return "WR";
    case DramCommand::kReadAp:
      return "RDA";
    case DramCommand::kWriteAp:
      return "WRA";
    case DramCommand::kRefresh:
      return "REF";
    case DramCommand::kRefreshBank:
      return "REFpb";
    case DramCommand::kRefreshSameBank:
      return "REFsb";
    case DramCommand::kActAb:
      return "ACTab";
    case DramCommand::kMacAb:
      return "MACab";
    case DramCommand::kMacSb:
      return "MACsb";
    case DramCommand::kWrGb:
      return "WRGB";
    case DramCommand::kRdMac:
      return "RDMAC";
    case DramCommand::kAf:
      return "AF";
    case DramCommand::kRdAf:
      return "RDAF";
    case DramCommand::kCount:
      break;
  }
  return "?";
}

}  // namespace xpusim
