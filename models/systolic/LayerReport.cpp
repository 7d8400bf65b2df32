#include "models/systolic/LayerReport.h"

#include <fmt/format.h>

#include <cmath>

namespace xpusim::systolic {

std::string LayerReport::pythonFloat(double v) {
  // fmt's default is the shortest round-trip text with the same exponent thresholds as
  // Python's repr (positional for 1e-4 <= |v| < 1e16); Python adds ".0" to integral values.
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

double LayerReport::utilizationPct(const LayerResult& l) const {
  const std::uint64_t total = totalCycles(l);
  if (total == 0) return 0;
  return static_cast<double>(l.gemm.macs() * 100) / static_cast<double>(total * rows_ * cols_);
}

double LayerReport::mappingEfficiencyPct(const LayerResult& l) const {
  return l.mappingSum / static_cast<double>(l.folds()) * 100;
}

double LayerReport::computeUtilizationPct(const LayerResult& l) const {
  return l.computeUtilSum / static_cast<double>(l.folds()) * 100;
}

double LayerReport::energyPj(const LayerResult& l, const EnergyCosts& e) const {
  const double wb = static_cast<double>(wordBytes_);
  return static_cast<double>(l.gemm.macs()) * e.mac +
         static_cast<double>(l.sramWords[0] + l.sramWords[1]) * wb * e.sramReadByte +
         static_cast<double>(l.sramWords[2]) * wb * e.sramWriteByte +
         static_cast<double>(l.dramWords[0] + l.dramWords[1] + l.dramWords[2]) * wb * e.dramByte +
         static_cast<double>(totalCycles(l)) * e.leakageCycle;
}

void LayerReport::writeLayersCsv(std::ostream& out, const std::vector<LayerResult>& layers) const {
  out << "layer,M,N,K,row_folds,col_folds,compute_cycles,stall_cycles,total_cycles,"
         "utilization_pct,mapping_efficiency_pct,compute_utilization_pct,ifmap_sram_reads,"
         "filter_sram_reads,ofmap_sram_writes,ifmap_dram_reads,filter_dram_reads,"
         "ofmap_dram_writes,energy_pj,macs\n";
  for (const LayerResult& l : layers)
    out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", l.name,
                       l.gemm.m, l.gemm.n, l.gemm.k, l.rowFolds, l.colFolds, computeCycles(l),
                       l.stallCycles(), totalCycles(l), utilizationPct(l), mappingEfficiencyPct(l),
                       computeUtilizationPct(l), l.sramWords[0], l.sramWords[1], l.sramWords[2],
                       l.dramWords[0], l.dramWords[1], l.dramWords[2], l.energyPj, l.gemm.macs());
}

void LayerReport::writeComputeReport(std::ostream& out,
                                     const std::vector<LayerResult>& layers) const {
  out << "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute "
         "Util %,\n";
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const LayerResult& l = layers[i];
    out << fmt::format("{}, {}, {}, {}, {}, {},\n", i, totalCycles(l), l.stallCycles(),
                       pythonFloat(utilizationPct(l)), pythonFloat(mappingEfficiencyPct(l)),
                       pythonFloat(computeUtilizationPct(l)));
  }
}

}  // namespace xpusim::systolic
