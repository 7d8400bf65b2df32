#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "models/flash/array/FlashArray.h"
#include "models/flash/compute/BitwiseSensing.h"
#include "models/flash/compute/OutlierEcc.h"
#include "models/flash/llm/LlmDecoder.h"
#include "models/flash/ssd/HostInterface.h"
#include "models/flash/ssd/PageFtl.h"
#include "models/flash/ssd/SsdFrontEnd.h"
#include "sim/core/Component.h"

namespace xpusim {

/// A NAND flash device with in-flash compute and, for LLM decode, the NPU beside it
/// (Cambricon-LLM style). The workload (`--workload`) decides what runs:
///  - an MQSim ASCII trace: the SSD (PCIe host link, page-mapping FTL, flash array) replays
///    it, bulk bitwise requests (types 2 / 3) as multi-word-line sensings; request latency
///    distributions and per-channel bandwidth are reported;
///  - a model-shape YAML (workloads/llm/): `tokens` decode steps of that model, weights in
///    flash split between READ_COMPUTE on the dies and raw reads to the NPU by the tiling
///    plan; `tokens_per_s`, the per-resource time split and energy are reported.
/// The NPU's KV cache comes from the memory on port `kv_memory` (e.g. an LPDDR5X `dram`), or
/// from `kv_bandwidth` when the port is not configured.
class FlashDevice : public Component, public Clocked, public llm::KvFetcher {
 public:
  static ComponentInfo describe();
  explicit FlashDevice(BuildContext& ctx);
  ~FlashDevice() override;
  void bind() override;
  void start() override;
  bool tick() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;
  void fetchKv(std::uint64_t bytes) override;

 private:
  class Router;
  void readLlmSetup(const std::filesystem::path& shapeFile);
  void registerStats();
  void kvDone();

  flash::FlashGeometry geometry_;
  flash::OnfiTiming timing_;
  flash::HostInterface host_;
  flash::BitwiseSensing bitwise_;
  std::optional<flash::OutlierEcc> ecc_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<flash::FlashArray> array_;
  std::unique_ptr<flash::PageFtl> ftl_;
  std::unique_ptr<flash::SsdFrontEnd> ssd_;
  std::unique_ptr<llm::LlmDecoder> decoder_;

  // KV-cache fetches.
  Tick npuPeriod_ = 0;
  std::uint64_t kvBandwidth_ = 0, kvChunk_ = 0, kvMaxOutstanding_ = 0;
  ClockHandle clock_;
  MemoryInitiatorPort kvPort_;
  std::uint64_t kvToSend_ = 0, kvOutstanding_ = 0, kvAddr_ = 0;
  bool kvActive_ = false;
  MemberEvent<FlashDevice, &FlashDevice::kvDone> kvEvent_{this};

  // Statistics.
  std::uint64_t requests_ = 0, reads_ = 0, writes_ = 0, bitwiseRequests_ = 0, tokens_ = 0,
                flashPages_ = 0, npuPages_ = 0, tileH_ = 0, tileW_ = 0;
  double iops_ = 0, hostBandwidth_ = 0, tokensPerS_ = 0, tokenSeconds_ = 0, arrayTime_ = 0,
         busTime_ = 0, eccTime_ = 0, coreTime_ = 0, npuTime_ = 0, kvWait_ = 0, npuShare_ = 0,
         eccFailed_ = 0, energy_ = 0, energyPerToken_ = 0;
  std::vector<std::uint64_t> channelBandwidth_, channelBusy_, dieArray_;
};

}  // namespace xpusim
