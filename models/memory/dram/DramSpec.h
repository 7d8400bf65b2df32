#pragma once
#include <cstdint>
#include <vector>

#include "sim/config/ParamReader.h"
#include "sim/config/ParamSpec.h"
#include "sim/core/Tick.h"

namespace xpusim {

/// How a DRAM device is organised: the hierarchy sizes and the data interface of one
/// pseudo-channel (a channel for devices without pseudo-channels).
struct DramOrganisation {
  std::uint32_t channels = 1;
  std::uint32_t pseudoChannels = 1;  ///< per channel
  std::uint32_t ranks = 1;           ///< per pseudo-channel (stack IDs on HBM3)
  std::uint32_t bankGroups = 1;      ///< per rank
  std::uint32_t banks = 1;           ///< per bank group
  std::uint32_t rows = 1;            ///< per bank
  std::uint32_t columns = 1;         ///< device columns per row (bus-width words)
  std::uint32_t busBits = 64;        ///< data bus width of a pseudo-channel, bits
  std::uint32_t burstLength = 8;     ///< transfers per column command (BL)

  std::uint32_t banksPerRank() const { return bankGroups * banks; }
  std::uint32_t banksPerChannel() const { return pseudoChannels * ranks * banksPerRank(); }
  std::uint32_t ranksPerChannel() const { return pseudoChannels * ranks; }
  /// Bytes one column command moves.
  std::uint32_t burstBytes() const { return busBits / 8 * burstLength; }
  /// Column commands (bursts) per row.
  std::uint32_t burstsPerRow() const { return columns / burstLength; }
  /// Bytes addressed by the whole device.
  std::uint64_t capacityBytes() const {
    return std::uint64_t{channels} * banksPerChannel() * rows * burstsPerRow() * burstBytes();
  }
};

/// Timing parameters in cycles of tCK (the command clock).
struct DramTiming {
  Tick tCK = 0;  ///< picoseconds
  Cycle CL = 0, CWL = 0, nBL = 0;
  Cycle tRCD = 0, tRCDWR = 0, tRP = 0, tRPab = 0, tRAS = 0, tRC = 0, tWR = 0, tRTP = 0;
  Cycle tCCD_S = 0, tCCD_L = 0, tCCD_L_WR = 0;
  Cycle tRRD_S = 0, tRRD_L = 0, tFAW = 0;
  Cycle tWTR_S = 0, tWTR_L = 0, tRTRS = 0, tPPD = 0;
  Cycle tREFI = 0, tRFC = 0;
  Cycle tREFIpb = 0, tRFCpb = 0, tRREFD = 0;  ///< 0 when the preset does not give them
  /// DDR5 same-bank refresh (REFsb): its cycle time and the REFsb to ACT delay of a different
  /// bank; 0 when the preset does not give them.
  Cycle tRFCsb = 0, tREFSBRD = 0;
  /// PIM edges (0 when the device has no PIM units): ACT to MAC, MAC to MAC (the column rate
  /// or a power-capped spacing), MAC to PRE, operand-buffer write to write, last MAC to the
  /// result read-out.
  Cycle tRCDMAC = 0, tCCDMAC = 0, tRTPMAC = 0, tCCDGB = 0, tMACRD = 0;
  /// Command-bus cycles taken by ACT, RD and WR (DDR5: 2); other commands take one.
  Cycle longCommandCycles = 1;
  /// PIM activation function (0 when the device has none): AF (LUT-row activate) to RD_AF.
  Cycle tRCDAF = 0;
  bool hasPim() const { return tRCDMAC > 0 && tCCDMAC > 0; }
  bool hasAf() const { return hasPim() && tRCDAF > 0; }
};

/// Energy of each command and the background power, for the energy statistic.
struct DramEnergy {
  double act = 0, pre = 0, rd = 0, wr = 0, ref = 0, refpb = 0, refsb = 0;  ///< pJ per command
  double backgroundMw = 0;                                                 ///< milliwatts per rank
};

/// A device preset: organisation, timing and energy, read from the parameters declared by
/// params(). Timing values are written in cycles ("22") or as a time ("13.75ns"); a time that is
/// not a whole number of tCK is rejected, never rounded.
struct DramSpec {
  DramOrganisation org;
  DramTiming timing;
  DramEnergy energy;
  bool dualCommandIssue = false;  ///< one row and one column command per cycle (HBM)

  /// The declared parameters of a device preset.
  static std::vector<ParamSpec> params();
  /// Reads and checks them; bad values are InputErrors naming the parameter.
  static DramSpec read(ParamReader& p);

  /// Peak data bandwidth of the whole device, bytes per second.
  double peakBytesPerSecond() const;
};

}  // namespace xpusim
