#pragma once
#include <cstdint>

#include "sim/core/Tick.h"

namespace xpusim::dataflow {

/// The fabric's fixed hardware parameters, read from the `rdu` component's config. Cycles are
/// of the fabric clock; the grid is a checkerboard of PCUs and PMUs with AGUs on its left and
/// right edges (Plasticine's layout, ISCA'17).
struct RduArch {
  Tick period = 1000;                   ///< fabric clock period, ps
  std::uint32_t rows = 16;              ///< grid rows
  std::uint32_t cols = 8;               ///< grid columns
  std::uint32_t lanes = 16;             ///< SIMD lanes per PCU
  std::uint32_t stages = 6;             ///< pipeline stages per PCU
  std::uint32_t tailLatency = 4;        ///< extra cycles of a tail-stage op (exp, reciprocal)
  bool systolic = false;                ///< PCUs offer a systolic (lanes x stages MAC) mode
  bool ssmExtension = false;            ///< butterfly / scan networks inside PCUs (SSM-RDU)
  std::uint64_t pmuBytes = 256 * 1024;  ///< scratchpad capacity per PMU, bytes
  std::uint32_t pmuBanks = 16;          ///< banks per PMU (one word per bank per cycle)
  std::uint32_t pmuAddresses = 16;      ///< addresses generated per cycle for gathers
  std::uint32_t pmuLatency = 2;         ///< read latency, cycles
  std::uint32_t hopLatency = 1;         ///< switch-to-switch latency, cycles per hop
  std::uint64_t fifoDepth = 16;         ///< default FIFO capacity of an edge, tokens
  std::uint32_t vectorLinkBits = 512;   ///< vector network link width, bits per cycle
  std::uint32_t scalarLinkBits = 32;    ///< scalar network link width, bits per cycle
  std::uint32_t agus = 16;              ///< address-generation units (off-chip portals)
  std::uint32_t aguOutstanding = 16;    ///< requests in flight per AGU

  std::uint64_t pcus() const { return std::uint64_t{rows} * cols / 2; }
  std::uint64_t pmus() const { return std::uint64_t{rows} * cols - pcus(); }
  /// Every PCU stage doing one multiply-add per lane per cycle: PCUs x lanes x stages x 2.
  double peakFlopsPerSecond() const {
    return static_cast<double>(pcus() * lanes * stages * 2) * static_cast<double>(kSecond) /
           static_cast<double>(period);
  }
  std::uint64_t onChipBytes() const { return pmus() * pmuBytes; }
};

}  // namespace xpusim::dataflow
