#include "models/dataflow/Rdu.h"

#include <fmt/format.h>

#include "models/dataflow/graph/GraphReader.h"
#include "sim/config/Units.h"
#include "sim/core/Simulation.h"

namespace xpusim::dataflow {

ComponentInfo Rdu::describe() {
  ComponentInfo info;
  info.type = "rdu";
  info.summary =
      "Reconfigurable dataflow socket: PCU/PMU grid on bounded channels, AGUs to HBM/DDR";
  info.params = {
      Param::clock("clock", "fabric clock").def("1GHz"),
      Param::uint("rows", "units", "grid rows (checkerboard of PCUs and PMUs)").def("16"),
      Param::uint("cols", "units", "grid columns").def("8"),
      Param::uint("lanes", "lanes", "SIMD lanes per PCU").def("16"),
      Param::uint("stages", "stages", "pipeline stages per PCU").def("6"),
      Param::uint("tail_latency", "cycles", "extra latency of tail-stage ops (exp, reciprocal)")
          .def("4"),
      Param::flag("systolic", "PCUs offer a systolic (lanes x stages MAC array) mode").def("false"),
      Param::flag("ssm_extension", "SSM-RDU butterfly and scan networks inside PCUs").def("false"),
      Param::bytes("pmu_capacity", "scratchpad bytes per PMU").def("256KiB"),
      Param::uint("pmu_banks", "banks", "banks per PMU, one word each per cycle").def("16"),
      Param::uint("pmu_addresses", "addresses/cycle",
                  "addresses a PMU generates per cycle for "
                  "gathers")
          .def("16"),
      Param::uint("pmu_latency", "cycles", "PMU read latency").def("2"),
      Param::uint("hop_latency", "cycles", "switch-to-switch latency per hop (>= 1)").def("1"),
      Param::uint("fifo_depth", "tokens", "default FIFO capacity of an edge").def("16"),
      Param::uint("vector_link", "bits",
                  "vector network link width; routes crossing a link share it")
          .def("512"),
      Param::uint("scalar_link", "bits",
                  "scalar network link width; routes crossing a link share it")
          .def("32"),
      Param::uint("agus", "units", "address-generation units (off-chip portals)").def("16"),
      Param::uint("agu_outstanding", "requests", "requests in flight per AGU").def("16"),
      Param::time("config_load", "time to load a graph's configuration onto the fabric").def("1us"),
      Param::bytes("dma_chunk", "block size of DDR -> HBM model-switch copies").def("1MiB"),
      Param::uint("dma_outstanding", "blocks", "model-switch blocks in flight").def("4"),
      Param::path("graph", "dataflow workload file; the system's workload when left out")
          .optionalValue(),
      Param::text("vars", "overrides of the workload's vars, e.g. N=16384,Q=16").def(""),
  };
  info.ports = {{"hbm", PortKind::kMemoryInitiator, "the HBM tier (near off-chip memory)"},
                {"ddr", PortKind::kMemoryInitiator, "the DDR tier (capacity memory, model store)"}};
  info.stats = {
      {"cycles", "cycles", "cycles the graphs ran (configuration and model switch excluded)"},
      {"total_cycles", "cycles",
       "cycles from the first configuration to the end of the last graph"},
      {"flops", "FLOP", "floating-point operations performed"},
      {"flops_per_s", "FLOP/s", "flops over the time the graphs ran"},
      {"peak_flops", "FLOP/s", "PCUs x lanes x stages x 2 x clock"},
      {"peak_fraction", "", "flops_per_s over peak_flops"},
      {"onchip_bytes", "bytes", "PMU scratchpad capacity of the fabric"},
      {"config_load_cycles", "cycles", "cycles spent loading graph configurations"},
      {"model_switch_cycles", "cycles", "cycles spent copying model bytes DDR -> HBM"},
      {"model_switch_bytes", "bytes", "bytes copied DDR -> HBM by model switches"},
      {"transfers", "tokens", "tokens sent over all channels"},
      {"bank_conflict_cycles", "cycles", "PMU read cycles lost to bank conflicts"},
      {"graphs", "graphs", "graphs run to completion"},
      {"hbm_read_bytes", "bytes", "bytes read from the HBM tier"},
      {"hbm_write_bytes", "bytes", "bytes written to the HBM tier"},
      {"ddr_read_bytes", "bytes", "bytes read from the DDR tier"},
      {"ddr_write_bytes", "bytes", "bytes written to the DDR tier"},
      {"busy_cycles", "cycles", "per unit (<graph>.units.<unit>.): firing or in its pipeline"},
      {"starved_cycles", "cycles", "per unit: waiting for an input token"},
      {"blocked_cycles", "cycles", "per unit: output back-pressured"},
      {"memory_cycles", "cycles", "per unit: waiting for off-chip memory"},
      {"max_occupancy", "tokens",
       "per channel (<graph>.channels.<from>-><to>.): peak FIFO "
       "occupancy, the depth it needed"},
  };
  return info;
}

Rdu::Rdu(BuildContext& ctx) : Component(ctx) {
  auto positive = [&](const char* name) {
    const std::uint64_t v = params().uint(name);
    if (v == 0 || v > UINT32_MAX) throw params().error(name, "must be 1..4294967295");
    return static_cast<std::uint32_t>(v);
  };
  arch_.period = params().clock("clock");
  arch_.rows = positive("rows");
  arch_.cols = positive("cols");
  arch_.lanes = positive("lanes");
  arch_.stages = positive("stages");
  arch_.tailLatency = static_cast<std::uint32_t>(params().uint("tail_latency"));
  arch_.systolic = params().flag("systolic");
  arch_.ssmExtension = params().flag("ssm_extension");
  arch_.pmuBytes = params().bytes("pmu_capacity");
  arch_.pmuBanks = positive("pmu_banks");
  arch_.pmuAddresses = positive("pmu_addresses");
  arch_.pmuLatency = positive("pmu_latency");
  arch_.hopLatency = positive("hop_latency");
  arch_.fifoDepth = positive("fifo_depth");
  arch_.vectorLinkBits = positive("vector_link");
  arch_.scalarLinkBits = positive("scalar_link");
  arch_.agus = static_cast<std::uint32_t>(params().uint("agus"));
  arch_.aguOutstanding = positive("agu_outstanding");
  configLoad_ = params().time("config_load");
  const std::uint64_t chunk = params().bytes("dma_chunk");
  if (chunk == 0 || chunk > UINT32_MAX) throw params().error("dma_chunk", "must be 1B..4GiB");
  const std::uint32_t dmaOutstanding = positive("dma_outstanding");
  if ((arch_.lanes & (arch_.lanes - 1)) != 0)
    throw params().error("lanes", "must be a power of two");
  if (arch_.rows * arch_.cols < 2) throw params().error("rows", "the grid needs at least 2 units");

  std::filesystem::path file;
  if (params().has("graph"))
    file = params().path("graph");
  else if (sim().workload())
    file = *sim().workload();
  else
    throw InputError(params().location("graph"),
                     path() + ": no dataflow graph: set 'graph:' or give --workload");
  std::vector<GraphSpec> specs =
      GraphReader::readFile(file, params().text("vars"), params().location("vars"));

  ClockDomain& clock = sim().clock(arch_.period);
  for (int t = 0; t < kTierCount; ++t) {
    tiers_[t] = std::make_unique<OffChipTier>(static_cast<Tier>(t));
    tiers_[t]->attach(clock, sim().queue());
  }
  for (const GraphSpec& g : specs)
    if (g.modelSwitchBytes > 0 && !copy_) {
      copy_ = std::make_unique<TierCopy>(*tiers_[1], *tiers_[0], chunk, dmaOutstanding);
      copy_->attach(clock, *this);
    }
  for (GraphSpec& g : specs) {
    for (const auto& other : graphs_)
      if (other->spec().name == g.name)
        throw InputError(g.where, fmt::format("graph name '{}' is used twice", g.name));
    const std::string prefix = path() + "." + g.name;
    graphs_.push_back(
        std::make_unique<GraphRun>(std::move(g), GraphRun::Env{arch_,
                                                               clock,
                                                               sim().queue(),
                                                               sim().timeline(),
                                                               {tiers_[0].get(), tiers_[1].get()},
                                                               *this,
                                                               prefix}));
    graphs_.back()->registerStats(sim().stats(), info());
  }
  if (Timeline* t = sim().timeline()) lane_ = t->lane(path(), "phases");

  peakFlops_ = arch_.peakFlopsPerSecond();
  onChipBytes_ = arch_.onChipBytes();
  stat("cycles", cycles_);
  stat("total_cycles", totalCycles_);
  stat("flops", flops_);
  formula("flops_per_s", [this] {
    return cycles_ ? static_cast<double>(flops_) * static_cast<double>(kSecond) /
                         static_cast<double>(cycles_ * arch_.period)
                   : 0.0;
  });
  stat("peak_flops", peakFlops_);
  formula("peak_fraction", [this] {
    return cycles_ ? static_cast<double>(flops_) /
                         (static_cast<double>(cycles_) * static_cast<double>(arch_.pcus()) *
                          arch_.lanes * arch_.stages * 2)
                   : 0.0;
  });
  stat("onchip_bytes", onChipBytes_);
  stat("config_load_cycles", configLoadCycles_);
  stat("model_switch_cycles", modelSwitchCycles_);
  stat("model_switch_bytes", modelSwitchBytes_);
  stat("transfers", transfers_);
  stat("bank_conflict_cycles", conflictCycles_);
  stat("graphs", graphsRun_);
  stat("hbm_read_bytes", tiers_[0]->readBytes);
  stat("hbm_write_bytes", tiers_[0]->writeBytes);
  stat("ddr_read_bytes", tiers_[1]->readBytes);
  stat("ddr_write_bytes", tiers_[1]->writeBytes);
}

Rdu::~Rdu() = default;

void Rdu::bind() {
  for (int t = 0; t < kTierCount; ++t)
    if (tiers_[t]->used())
      connect(tiers_[t]->port(), tierName(static_cast<Tier>(t)), tiers_[t]->handle());
}

void Rdu::start() {
  firstStart_ = sim().now();
  if (!graphs_.empty()) beginConfigure();
}

void Rdu::slice(const std::string& name, Tick from) {
  if (Timeline* t = sim().timeline(); t && sim().now() > from)
    t->slice(lane_, name, from, sim().now());
}

void Rdu::beginConfigure() {
  phaseStart_ = sim().now();
  sim().queue().schedule(configured_, sim().now() + configLoad_);
}

void Rdu::onConfigured() {
  configLoadCycles_ += (sim().now() - phaseStart_) / arch_.period;
  slice("configure " + graphs_[current_]->spec().name, phaseStart_);
  phaseStart_ = sim().now();
  const std::uint64_t bytes = graphs_[current_]->spec().modelSwitchBytes;
  if (bytes == 0) return beginRun();
  if (!tiers_[0]->used() || !tiers_[1]->used())
    throw std::logic_error("model switch without both tiers");
  modelSwitchBytes_ += bytes;
  copy_->begin(bytes);
}

void Rdu::copyDone() {
  modelSwitchCycles_ += (sim().now() - phaseStart_) / arch_.period;
  slice("model switch", phaseStart_);
  beginRun();
}

void Rdu::beginRun() {
  phaseStart_ = sim().now();
  graphs_[current_]->start();
}

void Rdu::graphDone() {
  GraphRun& g = *graphs_[current_];
  slice(g.spec().name, phaseStart_);
  cycles_ += g.cycles();
  flops_ += g.flops();
  transfers_ += g.transfers();
  conflictCycles_ += g.bankConflictCycles();
  ++graphsRun_;
  totalCycles_ = (sim().now() - firstStart_) / arch_.period;
  if (++current_ < graphs_.size()) beginConfigure();
}

void Rdu::finish(bool drained) {
  if (current_ < graphs_.size()) {
    GraphRun& g = *graphs_[current_];
    g.close();
    if (drained)
      throw std::runtime_error(
          fmt::format("{}: graph '{}' stopped with work left and nothing in flight (deadlock):{}",
                      path(), g.spec().name, g.diagnose()));
  }
  writeReport("rdu_units.csv", [this](std::ostream& out) {
    out << "graph,unit,kind,row,col,firings,flops,busy_cycles,starved_cycles,blocked_cycles,"
           "memory_cycles,utilisation\n";
    for (const auto& g : graphs_) g->writeUnitRows(out);
  });
}

void Rdu::summarize(SummaryLines& lines) const {
  lines.emplace_back(path() + " cycles", fmt::format("{} ({} graphs; {} with configuration and "
                                                     "model switch)",
                                                     cycles_, graphsRun_, totalCycles_));
  const double seconds = static_cast<double>(cycles_ * arch_.period) / static_cast<double>(kSecond);
  const double rate = seconds > 0 ? static_cast<double>(flops_) / seconds : 0.0;
  lines.emplace_back(path() + " throughput",
                     fmt::format("{:.4g} TFLOP/s = {:.2f}% of peak {:.4g} TFLOP/s", rate / 1e12,
                                 100.0 * rate / peakFlops_, peakFlops_ / 1e12));
  for (const auto& g : graphs_)
    lines.emplace_back(path() + " " + g->spec().name, fmt::format("{} cycles", g->cycles()));
  if (modelSwitchBytes_)
    lines.emplace_back(
        path() + " model switch",
        fmt::format("{} in {} cycles", units::formatBytes(modelSwitchBytes_), modelSwitchCycles_));
}

XPUSIM_REGISTER_COMPONENT(Rdu)

}  // namespace xpusim::dataflow
