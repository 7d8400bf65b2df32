#include "models/flash/FlashDevice.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sim/config/Units.h"
#include "sim/core/Simulation.h"

namespace xpusim {

using namespace flash;

/// Forwards the array's completions to whichever front end runs the workload.
class FlashDevice::Router : public FlashArray::Listener {
 public:
  void flashOpDone(FlashOp& op) override { target->flashOpDone(op); }
  FlashArray::Listener* target = nullptr;
};

namespace {
template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}
bool isModelShape(const std::filesystem::path& p) {
  return p.extension() == ".yaml" || p.extension() == ".yml";
}
}  // namespace

ComponentInfo FlashDevice::describe() {
  ComponentInfo info;
  info.type = "flash_device";
  info.summary = "NAND flash SSD / in-flash-compute device with an NPU for LLM decode";
  append(info.params, FlashGeometry::params());
  append(info.params, OnfiTiming::params());
  append(info.params, HostInterface::params());
  append(info.params, BitwiseSensing::params());
  append(info.params, OutlierEcc::params());
  append(
      info.params,
      std::vector<ParamSpec>{
          Param::flag("independent_planes", "planes run their own commands (asynchronous planes)")
              .def("false"),
          Param::flag("multi_plane", "gather queued ops on distinct planes into one command")
              .def("true"),
          Param::bytes("read_slice", "data-out bytes per bus window (READ_SLICE); 0 = whole pages")
              .def("0B"),
          Param::choice("ftl", {"ideal", "table"}, "page mapping: static striping or a page table")
              .def("ideal"),
          Param::uint("queue_depth", "requests", "host requests outstanding at once").def("64"),
          Param::choice("trace_time_unit", {"ns", "us", "ms"}, "unit of trace arrival times")
              .def("ns"),
          Param::choice("quantization", {"w8a8", "w4a16"}, "LLM weight / activation precision")
              .def("w8a8"),
          Param::uint("context", "tokens", "LLM: tokens already in the KV cache").def("1024"),
          Param::uint("tokens", "tokens", "LLM: tokens to decode").def("1"),
          Param::uint("tile_h", "elements", "LLM tile height; 0 = sqrt(cores/channel x page)")
              .def("0"),
          Param::uint("tile_w", "elements", "LLM tile width; 0 = channels x tile_h").def("0"),
          Param::real("npu_share", "", "share of weights read raw to the NPU; < 0 = tiling alpha")
              .def("-1"),
          Param::choice("share_rule", {"formula", "balanced"},
                        "NPU share when npu_share < 0: the tiling alpha, or equal channel paths")
              .def("formula"),
          Param::time("core_page_time", "MACs of one page on a die's compute core").def("20us"),
          Param::uint("partial_sum_bytes", "B", "bytes per partial sum sent out of a die").def("1"),
          Param::uint("npu_rows", "PEs", "NPU systolic array rows").def("16"),
          Param::uint("npu_cols", "PEs", "NPU systolic array columns").def("16"),
          Param::clock("npu_clock", "NPU clock").def("1GHz"),
          Param::bandwidth("kv_bandwidth", "KV-cache bandwidth when kv_memory is not configured")
              .def("40GB/s"),
          Param::bytes("kv_request_size", "bytes per KV-cache request on kv_memory").def("4KiB"),
          Param::uint("kv_max_outstanding", "requests", "KV-cache requests in flight").def("16"),
          Param::real("energy_page_read", "J", "energy of one page sensing").def("0"),
          Param::real("energy_bus_byte", "J", "energy per byte on a flash channel").def("0"),
          Param::real("energy_core_page", "J", "energy of ECC + MACs of one page on a die core")
              .def("0"),
          Param::real("energy_npu_mac", "J", "energy per NPU MAC").def("0"),
          Param::real("energy_memory_byte", "J", "energy per KV-cache byte").def("0"),
      });
  info.ports = {{"kv_memory", PortKind::kMemoryInitiator, "NPU memory holding the KV cache"}};
  info.stats = {
      {"requests", "requests", "SSD: host requests completed"},
      {"reads", "requests", "SSD: reads completed"},
      {"writes", "requests", "SSD: writes completed"},
      {"bitwise", "requests", "SSD: bulk bitwise (AND / OR sensing) requests completed"},
      {"read_latency", "ps", "SSD: read latency, arrival to data at the host"},
      {"write_latency", "ps", "SSD: write latency, arrival to programmed"},
      {"bitwise_latency", "ps", "SSD: bitwise latency, arrival to result page at the host"},
      {"read_device_latency", "ps", "SSD: first flash command to last page out, per read"},
      {"write_device_latency", "ps", "SSD: first flash command to last page programmed"},
      {"iops", "requests/s", "SSD: requests over the run time"},
      {"host_bandwidth", "B/s", "SSD: bytes moved over the run time"},
      {"channel_bandwidth", "B/s", "data bytes per second on each channel"},
      {"channel_busy_ticks", "ps", "bus-booked time of each channel"},
      {"die_array_ticks", "ps", "array busy time of each die"},
      {"tokens", "tokens", "LLM: tokens decoded"},
      {"tokens_per_s", "tokens/s", "LLM: decode rate"},
      {"token_seconds", "s", "LLM: mean time per token"},
      {"flash_array_seconds", "s", "LLM: array busy time per token, per die (mean)"},
      {"flash_bus_seconds", "s", "LLM: bus busy time per token, per channel (mean)"},
      {"ecc_seconds", "s", "LLM: on-die ECC time per token, per die (mean)"},
      {"core_seconds", "s", "LLM: in-flash MAC time per token, per die (mean)"},
      {"npu_seconds", "s", "LLM: NPU busy time per token"},
      {"kv_wait_seconds", "s", "LLM: attention waiting for the KV cache, per token"},
      {"flash_pages", "pages", "LLM: weight pages computed in flash"},
      {"npu_pages", "pages", "LLM: weight pages read raw to the NPU"},
      {"npu_share", "", "LLM: share of weights read to the NPU (tiling alpha)"},
      {"tile_h", "elements", "LLM: tile height"},
      {"tile_w", "elements", "LLM: tile width"},
      {"ecc_failed_entries", "entries", "LLM: expected outlier entries reported by the ECC"},
      {"energy", "J", "LLM: energy of the run"},
      {"energy_per_token", "J", "LLM: energy per token"},
  };
  return info;
}

FlashDevice::FlashDevice(BuildContext& ctx)
    : Component(ctx),
      geometry_(FlashGeometry::read(params())),
      timing_(OnfiTiming::read(params())),
      host_(HostInterface::read(params())),
      bitwise_(BitwiseSensing::read(params())),
      router_(std::make_unique<Router>()) {
  const bool independent = params().flag("independent_planes");
  const bool multiPlane = params().flag("multi_plane");
  const std::string ftl = params().choice("ftl");
  const std::uint64_t depth = params().uint("queue_depth");
  if (depth == 0 || depth > (1u << 20)) throw params().error("queue_depth", "must be 1..1048576");
  const std::string unit = params().choice("trace_time_unit");
  npuPeriod_ = params().clock("npu_clock");
  kvBandwidth_ = params().bandwidth("kv_bandwidth");
  if (kvBandwidth_ == 0) throw params().error("kv_bandwidth", "must be positive");
  kvChunk_ = params().bytes("kv_request_size");
  if (kvChunk_ == 0 || kvChunk_ > (1u << 30)) throw params().error("kv_request_size", "1 B..1 GiB");
  kvMaxOutstanding_ = params().uint("kv_max_outstanding");
  if (kvMaxOutstanding_ == 0) throw params().error("kv_max_outstanding", "must be at least 1");
  array_ = std::make_unique<FlashArray>(sim().queue(), geometry_, timing_, independent, multiPlane,
                                        params().bytes("read_slice"), sim().timeline(), path(),
                                        *router_);
  const auto& workload = sim().workload();
  if (workload && isModelShape(*workload)) {
    readLlmSetup(*workload);
  } else {
    // Still read so a config is fully checked whatever its workload.
    readLlmSetup({});
    // Nothing else drives the device (it has no target port): without a workload a run
    // would simulate nothing, so that is bad input, not an idle run.
    if (!workload)
      throw InputError(params().location("workload"),  // not a parameter: the component's place
                       path() +
                           ": no workload: flash_device needs --workload FILE (or workload:), "
                           "an MQSim ASCII trace (workloads/flash/*.trace) or a model-shape "
                           "YAML (workloads/llm/*.yaml)");
    ftl_ = std::make_unique<PageFtl>(
        geometry_, ftl == "table" ? PageFtl::Mode::kTable : PageFtl::Mode::kIdeal);
    ssd_ = std::make_unique<SsdFrontEnd>(sim().queue(), *array_, *ftl_, host_, bitwise_,
                                         SsdTraceReader::readFile(*workload, unit), depth,
                                         workload->string());
    router_->target = ssd_.get();
  }
  clock_ = joinClock(npuPeriod_, *this);
  channelBandwidth_.assign(geometry_.channels, 0);
  channelBusy_.assign(geometry_.channels, 0);
  dieArray_.assign(geometry_.dies(), 0);
  registerStats();
}

FlashDevice::~FlashDevice() = default;

void FlashDevice::readLlmSetup(const std::filesystem::path& shapeFile) {
  llm::DecodeSetup s;
  const bool w4 = params().choice("quantization") == "w4a16";
  s.weightBits = w4 ? 4 : 8;
  s.activationBytes = w4 ? 2 : 1;
  s.context = params().uint("context");
  s.tokens = params().uint("tokens");
  if (s.tokens == 0) throw params().error("tokens", "must be at least 1");
  const std::uint64_t tileH = params().uint("tile_h"), tileW = params().uint("tile_w");
  const double share = params().real("npu_share");
  if (share > 1) throw params().error("npu_share", "must be <= 1 (or < 0 for the formula)");
  s.corePageTime = params().time("core_page_time");
  s.partialSumBytes = params().uint("partial_sum_bytes");
  s.npuRows = params().uint("npu_rows");
  s.npuCols = params().uint("npu_cols");
  if (s.npuRows == 0) throw params().error("npu_rows", "must be at least 1");
  if (s.npuCols == 0) throw params().error("npu_cols", "must be at least 1");
  s.npuPeriod = npuPeriod_;
  s.ePageRead = params().real("energy_page_read");
  s.eBusByte = params().real("energy_bus_byte");
  s.eCorePage = params().real("energy_core_page");
  s.eNpuMac = params().real("energy_npu_mac");
  s.eMemoryByte = params().real("energy_memory_byte");
  ecc_.emplace(OutlierEcc::read(params(), geometry_.pageBytes));
  if (geometry_.spareBytes && ecc_->spareBytes() > geometry_.spareBytes)
    throw params().error("ecc_outlier_fraction",
                         fmt::format("outlier protection needs {} spare bytes per page, the page "
                                     "has {}",
                                     ecc_->spareBytes(), geometry_.spareBytes));
  s.ecc = &*ecc_;
  const double bw = static_cast<double>(timing_.rateMTps()) * 1e6 * timing_.busBits() / 8.0;
  const std::uint64_t pageElements = geometry_.pageBytes * 8 / s.weightBits;
  s.plan = llm::TilingPlan::make(geometry_.channels, geometry_.diesPerChannel(), pageElements,
                                 geometry_.pageBytes,
                                 static_cast<double>(timing_.read(PageType::kLsb)) / kSecond, bw,
                                 tileH, tileW, share, params().choice("share_rule") == "balanced");
  if (s.plan.rateRc >= 1) throw params().error("tile_h", "the tile's vectors exceed the channel");
  if (s.plan.tileH == 0) throw params().error("tile_h", "tile height is 0");
  tileH_ = s.plan.tileH;
  tileW_ = s.plan.tileW;
  npuShare_ = s.plan.alpha;
  if (shapeFile.empty()) return;
  s.shape = llm::ModelShape::readFile(shapeFile);
  decoder_ = std::make_unique<llm::LlmDecoder>(sim().queue(), *array_, std::move(s), *this,
                                               sim().timeline());
  router_->target = decoder_.get();
}

void FlashDevice::registerStats() {
  stat("requests", requests_);
  stat("reads", reads_);
  stat("writes", writes_);
  stat("bitwise", bitwiseRequests_);
  static const SsdStats kEmpty{};
  const SsdStats& s = ssd_ ? ssd_->stats() : kEmpty;
  stat("read_latency", s.readLatency);
  stat("write_latency", s.writeLatency);
  stat("bitwise_latency", s.bitwiseLatency);
  stat("read_device_latency", s.readDeviceLatency);
  stat("write_device_latency", s.writeDeviceLatency);
  stat("iops", iops_);
  stat("host_bandwidth", hostBandwidth_);
  stat("channel_bandwidth", channelBandwidth_);
  stat("channel_busy_ticks", channelBusy_);
  stat("die_array_ticks", dieArray_);
  stat("tokens", tokens_);
  stat("tokens_per_s", tokensPerS_);
  stat("token_seconds", tokenSeconds_);
  stat("flash_array_seconds", arrayTime_);
  stat("flash_bus_seconds", busTime_);
  stat("ecc_seconds", eccTime_);
  stat("core_seconds", coreTime_);
  stat("npu_seconds", npuTime_);
  stat("kv_wait_seconds", kvWait_);
  stat("flash_pages", flashPages_);
  stat("npu_pages", npuPages_);
  stat("npu_share", npuShare_);
  stat("tile_h", tileH_);
  stat("tile_w", tileW_);
  stat("ecc_failed_entries", eccFailed_);
  stat("energy", energy_);
  stat("energy_per_token", energyPerToken_);
}

void FlashDevice::bind() {
  if (portConfigured("kv_memory")) connect(kvPort_, "kv_memory", clock_);
}

void FlashDevice::start() {
  if (ssd_) ssd_->start();
  if (decoder_) decoder_->start();
}

void FlashDevice::fetchKv(std::uint64_t bytes) {
  kvActive_ = true;
  if (!kvPort_.connected()) {
    // ceil(bytes / bandwidth) in ps.
    __extension__ const unsigned __int128 ps = static_cast<unsigned __int128>(bytes) * kSecond;
    const Tick t = static_cast<Tick>((ps + kvBandwidth_ - 1) / kvBandwidth_);
    sim().queue().schedule(kvEvent_, sim().now() + t);
    return;
  }
  kvToSend_ = bytes;
  clock_.wake();
}

bool FlashDevice::tick() {
  while (kvPort_.connected() && kvPort_.hasResponse()) {
    kvPort_.takeResponse();
    --kvOutstanding_;
  }
  while (kvToSend_ > 0 && kvOutstanding_ < kvMaxOutstanding_ && kvPort_.canSend()) {
    MemRequest r;
    r.bytes = static_cast<std::uint32_t>(std::min(kvToSend_, kvChunk_));
    r.addr = kvAddr_;
    r.issued = sim().now();
    kvAddr_ += r.bytes;
    kvToSend_ -= r.bytes;
    ++kvOutstanding_;
    kvPort_.send(r);
  }
  if (kvActive_ && kvToSend_ == 0 && kvOutstanding_ == 0) kvDone();
  return false;  // woken by responses and freed request slots
}

void FlashDevice::kvDone() {
  kvActive_ = false;
  if (decoder_) decoder_->kvArrived();
}

void FlashDevice::finish(bool drained) {
  const Tick now = sim().now();
  const double seconds = static_cast<double>(now) / kSecond;
  for (std::uint64_t c = 0; c < geometry_.channels; ++c) {
    const ChannelStats& cs = array_->channels()[c];
    channelBusy_[c] = cs.busyTicks();
    channelBandwidth_[c] =
        now ? static_cast<std::uint64_t>(static_cast<double>(cs.bytesIn + cs.bytesOut) / seconds)
            : 0;
  }
  dieArray_ = array_->dieArrayTicks();
  if (ssd_) {
    const SsdStats& s = ssd_->stats();
    reads_ = s.reads;
    writes_ = s.writes;
    bitwiseRequests_ = s.bitwise;
    requests_ = reads_ + writes_ + bitwiseRequests_;
    if (now) {
      iops_ = static_cast<double>(requests_) / seconds;
      hostBandwidth_ = static_cast<double>(s.bytesRead + s.bytesWritten) / seconds;
    }
    if (drained && !ssd_->done())
      throw std::runtime_error(path() + ": SSD requests left unfinished");
  }
  if (decoder_) {
    const llm::DecodeStats& d = decoder_->stats();
    if (drained && !decoder_->done()) throw std::runtime_error(path() + ": decode left unfinished");
    tokens_ = d.tokens;
    if (d.tokens) {
      const double n = static_cast<double>(d.tokens);
      const ArrayTotals& t = array_->totals();
      const double dies = static_cast<double>(geometry_.dies());
      Tick bus = 0;
      for (const ChannelStats& c : array_->channels()) bus += c.busyTicks();
      tokenSeconds_ = static_cast<double>(d.decodeTicks) / kSecond / n;
      tokensPerS_ = 1.0 / tokenSeconds_;
      arrayTime_ = static_cast<double>(t.arrayTicks) / kSecond / n / dies;
      busTime_ = static_cast<double>(bus) / kSecond / n / static_cast<double>(geometry_.channels);
      eccTime_ = static_cast<double>(t.eccTicks) / kSecond / n / dies;
      coreTime_ = static_cast<double>(t.computeTicks) / kSecond / n / dies;
      npuTime_ = static_cast<double>(d.npuBusyTicks) / kSecond / n;
      kvWait_ = static_cast<double>(d.kvWaitTicks) / kSecond / n;
      energy_ = d.energy;
      energyPerToken_ = d.energy / n;
    }
    flashPages_ = d.flashPages;
    npuPages_ = d.npuPages;
    eccFailed_ = d.eccFailedEntriesExpected;
  }
}

void FlashDevice::summarize(SummaryLines& lines) const {
  if (ssd_) {
    const SsdStats& s = ssd_->stats();
    lines.emplace_back("requests", fmt::format("{} ({} reads, {} writes, {} bitwise)", requests_,
                                               reads_, writes_, bitwiseRequests_));
    lines.emplace_back(
        "read latency mean / p99",
        fmt::format("{} / {}", units::formatTime(static_cast<Tick>(s.readLatency.mean())),
                    units::formatTime(s.readLatency.percentile(99))));
    lines.emplace_back(
        "write latency mean / p99",
        fmt::format("{} / {}", units::formatTime(static_cast<Tick>(s.writeLatency.mean())),
                    units::formatTime(s.writeLatency.percentile(99))));
    if (s.bitwise)
      lines.emplace_back(
          "bitwise latency mean / p99",
          fmt::format("{} / {}", units::formatTime(static_cast<Tick>(s.bitwiseLatency.mean())),
                      units::formatTime(s.bitwiseLatency.percentile(99))));
    lines.emplace_back("iops / bandwidth",
                       fmt::format("{:.0f} / {:.1f} MB/s", iops_, hostBandwidth_ / 1e6));
  }
  if (decoder_) {
    lines.emplace_back("model", decoder_->setup().shape.name);
    lines.emplace_back("tokens_per_s", fmt::format("{:.3f}", tokensPerS_));
    lines.emplace_back("tile / npu share",
                       fmt::format("{} x {} / {:.3f}", tileH_, tileW_, npuShare_));
    lines.emplace_back("per token: array/die, bus/ch, ecc/die, npu",
                       fmt::format("{:.1f} / {:.1f} / {:.1f} / {:.1f} ms", arrayTime_ * 1e3,
                                   busTime_ * 1e3, eccTime_ * 1e3, npuTime_ * 1e3));
    lines.emplace_back("energy per token", fmt::format("{:.3f} J", energyPerToken_));
  }
}

XPUSIM_REGISTER_COMPONENT(FlashDevice)

}  // namespace xpusim
