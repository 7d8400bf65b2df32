#pragma once
#include <cstddef>
#include <cstdint>

namespace xpusim {

/// Levels of the DRAM hierarchy, outermost first. A pseudo-channel is a level of its own (HBM);
/// devices without pseudo-channels have one per channel. "Rank" is the HBM3 stack ID (SID).
enum class DramLevel : std::uint8_t { kChannel, kPseudoChannel, kRank, kBankGroup, kBank };
inline constexpr std::size_t kDramLevels = 5;

/// DRAM commands the timing core knows. PIM commands extend this list (before kCount); every
/// table in the core is sized by kDramCommandCount.
enum class DramCommand : std::uint8_t {
  kAct,              ///< activate a row in one bank
  kPre,              ///< precharge one bank
  kPreAll,           ///< precharge every bank of a rank (PREA)
  kRead,             ///< column read (RD)
  kWrite,            ///< column write (WR)
  kReadAp,           ///< column read with auto-precharge (RDA)
  kWriteAp,          ///< column write with auto-precharge (WRA)
  kRefresh,          ///< all-bank refresh of a rank (REFab)
  kRefreshBank,      ///< per-bank refresh (REFpb)
  kRefreshSameBank,  ///< DDR5 same-bank refresh (REFsb): bank b of every bank group of a rank
  // Processing-in-memory commands (models/pim). Their timing edges exist only in presets that
  // give the PIM timing parameters (tRCD_MAC, ...).
  kActAb,  ///< PIM all-bank activate: one row in every bank of a rank (ACT16, HAB ACT, ACTAB)
  kMacAb,  ///< PIM all-bank MAC: every unit of a rank consumes one column (MAC_ABK, MACAB)
  kMacSb,  ///< PIM single-bank MAC: the unit of one bank consumes one column (MAC_SBK, MACSB)
  kWrGb,   ///< write one burst into the operand buffer of every unit of a rank (WR_GB, GRF)
  kRdMac,  ///< read one burst of MAC results out of a rank's units (RD_MAC, READRES)
  kAf,     ///< PIM activation function: activate the LUT row (reserved word line) in every bank
           ///< of a rank; each unit's MAC result selects its entries (AiM AF)
  kRdAf,   ///< read one burst of activated results out of a rank's units (AiM RD_AF)
  kCount
};
inline constexpr std::size_t kDramCommandCount = static_cast<std::size_t>(DramCommand::kCount);

inline constexpr std::size_t index(DramCommand c) {
  return static_cast<std::size_t>(c);
}

/// "ACT", "PRE", "PREA", "RD", "WR", "RDA", "WRA", "REF", "REFpb", "REFsb".
const char* dramCommandName(DramCommand c);

/// The level a command addresses: a rank for PREA, REF and the all-bank PIM commands, a bank
/// for the others (REFsb: the addressed bank, and the timing core applies its bank edges to the
/// same bank of every other bank group).
inline constexpr DramLevel commandScope(DramCommand c) {
  switch (c) {
    case DramCommand::kPreAll:
    case DramCommand::kRefresh:
    case DramCommand::kActAb:
    case DramCommand::kMacAb:
    case DramCommand::kWrGb:
    case DramCommand::kRdMac:
    case DramCommand::kAf:
    case DramCommand::kRdAf:
      return DramLevel::kRank;
    default:
      return DramLevel::kBank;
  }
}
/// Refresh commands (REF, REFpb, REFsb).
inline constexpr bool isRefreshCommand(DramCommand c) {
  return c == DramCommand::kRefresh || c == DramCommand::kRefreshBank ||
         c == DramCommand::kRefreshSameBank;
}
/// PIM commands that use the column command bus (all but the all-bank activate).
inline constexpr bool isPimColumnCommand(DramCommand c) {
  return c == DramCommand::kMacAb || c == DramCommand::kMacSb || c == DramCommand::kWrGb ||
         c == DramCommand::kRdMac || c == DramCommand::kRdAf;
}
/// Column commands travel on the column command bus (HBM dual issue) and move data.
inline constexpr bool isColumnCommand(DramCommand c) {
  return c == DramCommand::kRead || c == DramCommand::kWrite || c == DramCommand::kReadAp ||
         c == DramCommand::kWriteAp;
}
inline constexpr bool isReadCommand(DramCommand c) {
  return c == DramCommand::kRead || c == DramCommand::kReadAp;
}
inline constexpr bool isWriteCommand(DramCommand c) {
  return c == DramCommand::kWrite || c == DramCommand::kWriteAp;
}

/// A decoded DRAM location. `column` counts bursts within the row (not device columns).
struct DramAddress {
  std::uint32_t channel = 0;
  std::uint32_t pseudoChannel = 0;
  std::uint32_t rank = 0;
  std::uint32_t bankGroup = 0;
  std::uint32_t bank = 0;  ///< bank within its bank group
  std::uint32_t row = 0;
  std::uint32_t column = 0;
};

}  // namespace xpusim
