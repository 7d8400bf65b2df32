#include "models/systolic/SystolicArray.h"

#include <fmt/format.h>

#include <algorithm>

#include "models/systolic/FunctionalGemm.h"
#include "sim/core/Simulation.h"

namespace xpusim::systolic {

ComponentInfo SystolicArray::describe() {
  ComponentInfo info;
  info.type = "systolic_array";
  info.summary =
      "R x C systolic array (os/ws/is) with double-buffered scratchpads, running a "
      "SCALE-Sim topology; exact per fold, SCALE-Sim-compatible or physical timing";
  info.params = {
      Param::clock("clock", "array clock; one PE step per cycle").def("1GHz"),
      Param::uint("rows", "PEs", "R, PE rows (SCALE-Sim ArrayHeight)").def("32"),
      Param::uint("cols", "PEs", "C, PE columns (SCALE-Sim ArrayWidth)").def("32"),
      Param::choice("dataflow", {"os", "ws", "is"},
                    "output-, weight- or input-stationary (SCALE-Sim's default is ws)")
          .def("ws"),
      Param::choice("timing", {"physical", "scalesim"},
                    "physical: cycles of the pipelined array (RTL law); scalesim: SCALE-Sim v2 "
                    "bit for bit")
          .def("physical"),
      Param::uint("word_bytes", "B", "bytes per operand word (SCALE-Sim: 1)").def("1"),
      Param::bytes("ifmap_sram", "ifmap scratchpad, both halves (SCALE-Sim class default)")
          .def("256KiB"),
      Param::bytes("filter_sram", "filter scratchpad, both halves (SCALE-Sim class default)")
          .def("256KiB"),
      Param::bytes("ofmap_sram", "ofmap scratchpad, both halves (SCALE-Sim class default)")
          .def("128KiB"),
      Param::path("topology", "SCALE-Sim topology CSV; the system's workload when left out")
          .optionalValue(),
      Param::choice("topology_format", {"auto", "conv", "gemm"},
                    "auto: GEMM when the header reads 'Layer, M, N, K'")
          .def("auto"),
      Param::uint("batch", "inputs", "batch size: multiplies every layer's M").def("1"),
      Param::flag("shadow_preload",
                  "physical ws/is: preload the next stationary tile into shadow registers")
          .def("false"),
      Param::flag("shrink_partial_folds",
                  "physical: ragged folds pay only for the rows and columns they use")
          .def("false"),
      Param::bytes("request_size", "bytes per request to the backing memory").def("64B"),
      Param::uint("ifmap_offset", "words", "ifmap base address (SCALE-Sim IfmapOffset)").def("0"),
      Param::uint("filter_offset", "words", "filter base address (SCALE-Sim FilterOffset)")
          .def("10000000"),
      Param::uint("ofmap_offset", "words", "ofmap base address (SCALE-Sim OfmapOffset)")
          .def("20000000"),
      Param::flag("functional",
                  "compute every GEMM on seeded int8 data through the dataflow "
                  "and check it against a plain GEMM")
          .def("false"),
      Param::real("mac_energy", "pJ",
                  "int8 MAC, 45 nm: 8-bit multiply 0.2 pJ + 8-bit add 0.03 pJ (Horowitz, "
                  "ISSCC 2014)")
          .def("0.23"),
      Param::real("sram_read_energy", "pJ/B",
                  "scratchpad read per byte, 45 nm: 64-bit read of a 32 KB SRAM 20 pJ "
                  "(Horowitz, ISSCC 2014)")
          .def("2.5"),
      Param::real("sram_write_energy", "pJ/B",
                  "scratchpad write per byte, taken equal to a read (Horowitz, ISSCC 2014)")
          .def("2.5"),
      Param::real("dram_energy", "pJ/B",
                  "DRAM access per byte, 45 nm: 640 pJ per 32-bit word (Han et al., EIE, ISCA "
                  "2016, Table I, after Horowitz)")
          .def("160"),
      Param::real("leakage_energy", "pJ/cycle",
                  "static energy of the array per cycle; 0: the cited sources give dynamic "
                  "energies only, set it from your cell library")
          .def("0"),
  };
  info.ports = {{"mem", PortKind::kMemoryInitiator,
                 "backing memory of the scratchpads (optional; ideal memory when absent)"}};
  info.stats = {
      {"layers", "layers", "layers run (after depthwise expansion)"},
      {"folds", "folds", "folds run"},
      {"macs", "MACs", "multiply-accumulates of the workload"},
      {"total_cycles", "cycles", "sum of the layers' reported cycles (scalesim: cycles - 1 each)"},
      {"compute_cycles", "cycles", "total_cycles without stalls"},
      {"stall_cycles", "cycles", "cycles waiting for the backing memory"},
      {"ifmap_stall_cycles", "cycles", "stalls waiting for ifmap data"},
      {"filter_stall_cycles", "cycles", "stalls waiting for filter data"},
      {"ofmap_stall_cycles", "cycles", "stalls waiting for ofmap write-back"},
      {"ifmap_sram_reads", "words", "ifmap scratchpad reads"},
      {"filter_sram_reads", "words", "filter scratchpad reads"},
      {"ofmap_sram_writes", "words", "ofmap scratchpad writes"},
      {"ifmap_dram_reads", "words", "ifmap words read from the backing memory"},
      {"filter_dram_reads", "words", "filter words read from the backing memory"},
      {"ofmap_dram_writes", "words", "ofmap words written to the backing memory"},
      {"energy_pj", "pJ", "energy of the run (per-action model)"},
      {"utilization_pct", "%", "100 x MACs / (total_cycles x PEs)"},
      {"functional_layers", "layers", "layers whose GEMM was computed and checked"},
      {"functional_mismatches", "values", "output values differing from the plain GEMM"},
  };
  return info;
}

SystolicArray::SystolicArray(BuildContext& ctx)
    : Component(ctx),
      period_(params().clock("clock")),
      shadowPreload_(params().flag("shadow_preload")),
      functional_(params().flag("functional")),
      requestBytes_(params().bytes("request_size")),
      report_(params().choice("timing") == "scalesim", params().uint("rows"), params().uint("cols"),
              params().uint("word_bytes")),
      clock_(joinClock(period_, *this)) {
  shape_.dataflow = dataflowNamed(params().choice("dataflow"));
  shape_.rows = params().uint("rows");
  shape_.cols = params().uint("cols");
  shape_.wordBytes = params().uint("word_bytes");
  shape_.batch = params().uint("batch");
  shape_.sramBytes = {params().bytes("ifmap_sram"), params().bytes("filter_sram"),
                      params().bytes("ofmap_sram")};
  shape_.scaleSim = params().choice("timing") == "scalesim";
  shape_.shrinkPartial = params().flag("shrink_partial_folds");
  offsets_ = {params().uint("ifmap_offset"), params().uint("filter_offset"),
              params().uint("ofmap_offset")};
  energy_ = {params().real("mac_energy"), params().real("sram_read_energy"),
             params().real("sram_write_energy"), params().real("dram_energy"),
             params().real("leakage_energy")};
  for (const char* p : {"rows", "cols", "word_bytes", "batch"})
    if (params().uint(p) == 0) throw params().error(p, "must be at least 1");
  if (requestBytes_ == 0 || requestBytes_ > UINT32_MAX)
    throw params().error("request_size", "must be 1B..4GiB");
  if (shape_.scaleSim && shape_.shrinkPartial)
    throw params().error("shrink_partial_folds", "is a physical-mode option (SCALE-Sim pads)");
  if (shape_.scaleSim && shadowPreload_)
    throw params().error("shadow_preload", "is a physical-mode option (SCALE-Sim never overlaps)");
  std::filesystem::path topology;
  if (params().has("topology"))
    topology = params().path("topology");
  else if (sim().workload())
    topology = *sim().workload();
  else
    throw InputError(params().location("topology"),
                     path() + ": no topology: set 'topology:' or give --workload");
  topology_ = TopologyReader::readFile(
      topology, TopologyReader::formatNamed(params().choice("topology_format")));
  plan_ = std::make_unique<FoldPlan>(topology_, shape_);
  for (const LayerPlan& p : plan_->layers()) {
    LayerResult r;
    r.name = p.layer->name;
    r.gemm = p.gemm;
    r.rowFolds = p.grid.rowFolds;
    r.colFolds = p.grid.colFolds;
    results_.push_back(std::move(r));
  }
  timer_ = std::make_unique<WakeTimer>(sim().queue(), clock_);

  stat("layers", layers_);
  stat("folds", folds_);
  stat("macs", macs_);
  stat("total_cycles", totalCycles_);
  stat("compute_cycles", computeCycles_);
  stat("stall_cycles", stallCycles_);
  stat("ifmap_stall_cycles", stalls_[kIfmap]);
  stat("filter_stall_cycles", stalls_[kFilter]);
  stat("ofmap_stall_cycles", stalls_[kOfmap]);
  stat("ifmap_sram_reads", sram_[kIfmap]);
  stat("filter_sram_reads", sram_[kFilter]);
  stat("ofmap_sram_writes", sram_[kOfmap]);
  stat("ifmap_dram_reads", dram_[kIfmap]);
  stat("filter_dram_reads", dram_[kFilter]);
  stat("ofmap_dram_writes", dram_[kOfmap]);
  stat("energy_pj", energyPj_);
  formula("utilization_pct", [this] {
    return totalCycles_ ? static_cast<double>(macs_ * 100) /
                              static_cast<double>(totalCycles_ * shape_.rows * shape_.cols)
                        : 0.0;
  });
  stat("functional_layers", functionalLayers_);
  stat("functional_mismatches", functionalMismatches_);
}

SystolicArray::~SystolicArray() = default;

void SystolicArray::bind() {
  if (!portConfigured("mem")) return;
  connect(port_, "mem", clock_);
  useMemory_ = true;
}

void SystolicArray::start() {
  if (functional_) checkFunctional();
  if (!useMemory_) return runIdeal();
  loadNext();
  loadNext();
  clock_.wake();
}

std::uint64_t SystolicArray::foldCost(const Fold& f) const {
  const std::uint64_t l = f.timing.length();
  if (shape_.scaleSim || !shadowPreload_ || f.seq == 0) return l;
  return l - f.timing.preloadCycles();
}

void SystolicArray::runIdeal() {
  Cycle now = 0;
  Fold f;
  while (plan_->next(f)) {
    const Cycle cost = foldCost(f);
    record(f, now, cost, 0, kIfmap);
    now += cost;
  }
  done_ = true;
  sim().queue().schedule(idealDone_, clock_.domain()->edge(now));
}

void SystolicArray::record(const Fold& f, Cycle start, Cycle cost, Cycle stall, Operand blocker) {
  LayerResult& l = results_[f.layer];
  l.foldCycles += cost;
  l.stalls[blocker] += stall;
  const std::uint64_t pes = shape_.rows * shape_.cols;
  const std::uint64_t used = f.rowsUsed * f.colsUsed;
  const std::uint64_t lc = shape_.scaleSim ? f.timing.computeUtilLength() : cost;
  l.mappingSum += static_cast<double>(used) / static_cast<double>(pes);
  l.computeUtilSum += static_cast<double>(used * f.timing.t) / static_cast<double>(pes * lc);
  for (int op = 0; op < 3; ++op) l.sramWords[op] += f.sramWords[op];
  l.dramWords[kIfmap] += f.fetchWords[kIfmap];
  l.dramWords[kFilter] += f.fetchWords[kFilter];
  l.dramWords[kOfmap] += f.writeWords;
  lastLayer_ = f.layer;
  if (f.firstOfLayer) layerStart_ = start - stall;
  Timeline* tl = sim().timeline();
  if (!tl) return;
  const Timeline::LaneId folds = tl->lane(path(), "folds"), phases = tl->lane(path(), "phases");
  auto at = [&](Cycle c) { return clock_.domain()->edge(c); };
  if (f.lastOfLayer)
    tl->slice(tl->lane(path(), "layers"), l.name, at(layerStart_), at(start + cost),
              {{"M", l.gemm.m}, {"N", l.gemm.n}, {"K", l.gemm.k}, {"folds", l.folds()}});
  if (stall)
    tl->slice(phases, fmt::format("stall ({})", kOperandNames[blocker]), at(start - stall),
              at(start));
  tl->slice(folds, l.name, at(start), at(start + cost),
            {{"fold", f.index},
             {"row_fold", f.rowFold},
             {"col_fold", f.colFold},
             {"rows_used", f.rowsUsed},
             {"cols_used", f.colsUsed}});
  const Cycle fill = cost + f.timing.preloadCycles() - f.timing.length();  // preload paid
  const Cycle streamEnd = std::min(start + cost, start + fill + f.timing.t);
  if (fill) tl->slice(phases, "fill", at(start), at(start + fill));
  tl->slice(phases, "stream", at(start + fill), at(streamEnd));
  if (streamEnd < start + cost) tl->slice(phases, "drain", at(streamEnd), at(start + cost));
}

void SystolicArray::checkFunctional() {
  Random random = sim().random(*this);
  for (const LayerPlan& p : plan_->layers()) {
    const GemmOperands ops = GemmOperands::random(p.gemm, random);
    const std::vector<std::int32_t> got = FunctionalGemm::run(p.grid, ops);
    const std::vector<std::int32_t> want = FunctionalGemm::reference(ops);
    for (std::size_t i = 0; i < got.size(); ++i) functionalMismatches_ += got[i] != want[i];
    ++functionalLayers_;
  }
}

void SystolicArray::totals() {
  layers_ = results_.size();
  for (LayerResult& l : results_) {
    l.energyPj = report_.energyPj(l, energy_);
    folds_ += l.folds();
    macs_ += l.gemm.macs();
    totalCycles_ += report_.totalCycles(l);
    computeCycles_ += report_.computeCycles(l);
    stallCycles_ += l.stallCycles();
    energyPj_ += l.energyPj;
    for (int op = 0; op < 3; ++op) {
      stalls_[op] += l.stalls[op];
      sram_[op] += l.sramWords[op];
      dram_[op] += l.dramWords[op];
    }
  }
}

void SystolicArray::finish(bool drained) {
  if (drained && !done_)
    throw std::runtime_error(
        fmt::format("{}: no work left in the system but folds remain "
                    "(deadlock waiting for the memory)",
                    path()));
  totals();
  writeReport("layers.csv", [&](std::ostream& o) { report_.writeLayersCsv(o, results_); });
  if (shape_.scaleSim)
    writeReport("COMPUTE_REPORT.csv",
                [&](std::ostream& o) { report_.writeComputeReport(o, results_); });
}

void SystolicArray::summarize(SummaryLines& lines) const {
  lines.emplace_back(path() + " array",
                     fmt::format("{}x{} {}, {} timing, {} layers, {} folds", shape_.rows,
                                 shape_.cols, dataflowName(shape_.dataflow),
                                 shape_.scaleSim ? "scalesim" : "physical", layers_, folds_));
  lines.emplace_back(path() + " cycles",
                     fmt::format("{} ({} compute + {} stall: ifmap {}, filter {}, ofmap {})",
                                 totalCycles_, computeCycles_, stallCycles_, stalls_[kIfmap],
                                 stalls_[kFilter], stalls_[kOfmap]));
  if (totalCycles_)
    lines.emplace_back(
        path() + " utilization",
        fmt::format("{:.4f} %", static_cast<double>(macs_ * 100) /
                                    static_cast<double>(totalCycles_ * shape_.rows * shape_.cols)));
  lines.emplace_back(path() + " energy", fmt::format("{:.6g} uJ", energyPj_ * 1e-6));
  if (functional_)
    lines.emplace_back(path() + " functional",
                       fmt::format("{} layers checked, {} mismatching values", functionalLayers_,
                                   functionalMismatches_));
}

}  // namespace xpusim::systolic

namespace xpusim {
using systolic::SystolicArray;
XPUSIM_REGISTER_COMPONENT(SystolicArray)
}  // namespace xpusim
