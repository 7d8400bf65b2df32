#pragma once
#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "models/systolic/Dataflow.h"

namespace xpusim::systolic {

/// Energy per action, in picojoules (pJ).
struct EnergyCosts {
  double mac = 0;            ///< one int8 multiply-accumulate
  double sramReadByte = 0;   ///< one byte read from a scratchpad
  double sramWriteByte = 0;  ///< one byte written to a scratchpad
  double dramByte = 0;       ///< one byte moved to or from backing memory
  double leakageCycle = 0;   ///< the whole array, per cycle
};

/// Everything measured for one layer. Cycles are physical counts (the array's cycles).
struct LayerResult {
  std::string name;
  GemmShape gemm;
  std::uint64_t rowFolds = 0, colFolds = 0;
  std::uint64_t foldCycles = 0;              ///< sum of the folds' cycles
  std::array<std::uint64_t, 3> stalls{};     ///< waiting on ifmap, filter, ofmap (cycles)
  std::array<std::uint64_t, 3> sramWords{};  ///< ifmap, filter reads; ofmap writes (words)
  std::array<std::uint64_t, 3> dramWords{};  ///< ifmap, filter reads; ofmap writes (words)
  double mappingSum = 0;                     ///< sum over folds of used PEs / all PEs
  double computeUtilSum = 0;  ///< sum over folds of used PEs x T / (all PEs x fold length)
  double energyPj = 0;

  std::uint64_t folds() const { return rowFolds * colFolds; }
  std::uint64_t stallCycles() const { return stalls[0] + stalls[1] + stalls[2]; }
};

/// Turns LayerResults into report rows. `scaleSim` selects SCALE-Sim's conventions: the
/// reported cycle count is the index of the last cycle (cycles - 1 per layer).
class LayerReport {
 public:
  LayerReport(bool scaleSim, std::uint64_t rows, std::uint64_t cols, std::uint64_t wordBytes)
      : scaleSim_(scaleSim), rows_(rows), cols_(cols), wordBytes_(wordBytes) {}

  std::uint64_t computeCycles(const LayerResult& l) const {
    return l.foldCycles - (scaleSim_ ? 1 : 0);
  }
  std::uint64_t totalCycles(const LayerResult& l) const {
    return computeCycles(l) + l.stallCycles();
  }
  /// 100 x MACs / (total cycles x PEs), computed as SCALE-Sim does.
  double utilizationPct(const LayerResult& l) const;
  double mappingEfficiencyPct(const LayerResult& l) const;
  double computeUtilizationPct(const LayerResult& l) const;
  /// Energy of a layer (pJ): actions times EnergyCosts.
  double energyPj(const LayerResult& l, const EnergyCosts& e) const;

  /// `layers.csv`: one row per layer (header listed in the issue, plus macs).
  void writeLayersCsv(std::ostream& out, const std::vector<LayerResult>& layers) const;
  /// SCALE-Sim v2's `COMPUTE_REPORT.csv`: ", "-separated, trailing comma, Python float text.
  void writeComputeReport(std::ostream& out, const std::vector<LayerResult>& layers) const;

  /// A double as Python's str() prints it (shortest round-trip text, "100.0" not "100").
  static std::string pythonFloat(double v);

 private:
  bool scaleSim_;
  std::uint64_t rows_, cols_, wordBytes_;
};

}  // namespace xpusim::systolic
