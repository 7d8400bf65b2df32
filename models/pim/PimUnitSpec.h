#pragma once
#include <cstdint>
#include <vector>

#include "models/memory/dram/DramSpec.h"
#include "sim/config/ParamReader.h"
#include "sim/config/ParamSpec.h"

namespace xpusim {

/// The processing units of a PIM device and how a kernel uses them: placement (one unit per
/// bank pair, bank or bank group), datapath (MAC lanes, unit clock, accumulator precision),
/// buffers (operand buffer, accumulators), mode-change cost and per-command energies.
struct PimUnitSpec {
  enum class Scope { kBankPair, kBank, kBankGroup };
  enum class Accumulate { kFp16, kFp32 };
  enum class LoopOrder { kRowsOuter, kTilesOuter };

  Scope scope = Scope::kBank;
  std::uint32_t unitsPerRank = 1;
  std::uint32_t lanes = 16;  ///< multiply-accumulate lanes per unit
  Tick unitPeriod = 1000;    ///< picoseconds
  Accumulate accumulate = Accumulate::kFp16;
  std::uint32_t operandBufferBytes = 256;  ///< GRF_A / global buffer, bytes
  std::uint32_t accumulators = 8;          ///< output rows a unit accumulates at once
  std::uint32_t resultBytes = 32;          ///< bytes read out per accumulated output row
  LoopOrder loopOrder = LoopOrder::kRowsOuter;
  std::uint32_t modeChangeWrites = 0;   ///< reserved-row writes per kernel, per rank
  std::uint32_t programWrites = 0;      ///< instruction-register (CRF) writes per kernel, per rank
  std::uint32_t channelsPerDevice = 1;  ///< channels per chip or stack, for per-device peaks
  double energyMacPj = 0;               ///< one unit consuming one column (array read + MAC)
  double energyGbWritePj = 0;           ///< one operand-buffer write burst
  double energyAfPj = 0;                ///< one unit's AF look-up + interpolation
  bool checkFunctional = true;

  static std::vector<ParamSpec> params();
  /// Reads and checks the unit parameters against the DRAM spec (which must give PIM timing).
  static PimUnitSpec read(ParamReader& p, const DramSpec& dram);

  /// DRAM cycles between MACs of one unit: the larger of tCCD_MAC and the time the unit
  /// needs for one burst's elements (ceil(elements / lanes) unit cycles, rounded up to tCK).
  Cycle macSpacing(const DramSpec& dram, std::uint32_t elementBytes) const;
  /// Units of the whole device.
  std::uint64_t units(const DramSpec& dram) const {
    return std::uint64_t{dram.org.channels} * dram.org.ranksPerChannel() * unitsPerRank;
  }
  /// Peak compute of one chip/stack: units x lanes x 2 FLOP x unit clock (FLOP/s).
  double peakFlopsPerDevice(const DramSpec& dram) const;
  /// Internal (bank-to-unit) bandwidth of one chip/stack: units x burst / MAC spacing (B/s).
  double internalBytesPerSecondPerDevice(const DramSpec& dram) const;
};

}  // namespace xpusim
