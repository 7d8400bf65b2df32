#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "models/memory/dram/DramSpec.h"
#include "models/pim/BankUnitCommand.h"
#include "models/pim/PimUnitSpec.h"
#include "sim/cosim/StreamRecord.h"

namespace xpusim {

/// The device an AiM bank unit belongs to: the DRAM preset and the unit parameters of a PIM
/// preset (the pim_device component of e.g. configs/pim/gddr6_aim.yaml).
struct BankUnitDevice {
  DramSpec dram;
  PimUnitSpec unit;

  /// Reads the first pim_device component of `preset`; InputError on a bad preset.
  static BankUnitDevice load(const std::filesystem::path& preset);
  /// The timing a bank unit runs INT8 kernels with: the preset's, tCCD_MAC paced to the unit's
  /// compute time per burst (PimUnitSpec::macSpacing for 1-byte elements, as PimPlanner does).
  DramTiming int8Timing() const;
};

/// Ports of the bank unit's canonical stream.
enum BankUnitPort : std::uint16_t {
  kBankUnitCommandPort,  ///< a command accepted: lane = opcode, value = row << 16 | column
  kBankUnitMacPort,      ///< an RD_MAC result arriving: lane 0, value = the int32 sum
  kBankUnitGbOutPort,    ///< COPY_GBBK data leaving: lane e = int8 element e
};
/// "cmd", "rd_mac", "gb_out".
std::vector<std::string> bankUnitPortNames();

/// The model's canonical stream of the unit of bank 0 (rank 0) running `commands` in order, one
/// command per cycle at most, from cycle 0, under `timing` (normally device.int8Timing()):
///   cmd:    command i at the first cycle after command i-1 at which DramTimingCore (built from
///           buildTimingTable(timing)) allows it, timed as bankUnitTimedAs(op);
///   rd_mac: the reduced int32 accumulators CL + nBL after the RD_MAC (the controller's
///           RD_MAC completion);
///   gb_out: the global-buffer entry at the COPY_GBBK's cycle.
/// Values follow the model's INT8 arithmetic (PimFunctional): lane l of 16 multiplies
/// elements k = l mod 16 of the column and buffer entry into an int32 accumulator; element-wise
/// results saturate to [-128, 127]. The buffer starts zeroed; entry = column mod entries.
/// Refresh is not part of the stream (the controller's).
cosim::Stream bankUnitStream(const BankUnitDevice& device,
                             const std::vector<BankUnitCommand>& commands,
                             const DramTiming& timing);

}  // namespace xpusim
