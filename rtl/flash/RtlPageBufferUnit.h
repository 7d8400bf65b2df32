#pragma once
#include <cstdint>
#include <vector>

#include "rtl/cosim/RtlComponent.h"
#include "rtl/flash/PageBufferCosim.h"

class Vpage_buffer_unit;

namespace xpusim::rtl {

template <class V>
class PageBufferRtlDriver;

/// The Verilated flash page-buffer compute unit (rtl/flash/page_buffer_unit.sv) as an engine
/// component: on the page-buffer clock it runs `commands` commands of seeded data (the run's
/// random stream for this component) back to back, one RTL cycle per clock edge, then checks
/// every result word or row sum against the model's (flash::pageBufferStream: BitwiseSensing,
/// pageGemv). Cycle law: bitwise N words x K operands + 1, MAC V + M + 2 words per command.
class RtlPageBufferUnit : public RtlComponent<PageBufferRtlDriver<Vpage_buffer_unit>> {
 public:
  static ComponentInfo describe();
  explicit RtlPageBufferUnit(BuildContext& ctx);
  ~RtlPageBufferUnit() override;

  void start() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;

 private:
  PageBufferCosimCase case_;
  std::vector<flash::PageBufferCommand> commands_;
  cosim::Stream model_;
  std::uint64_t done_ = 0, results_ = 0, mismatches_ = 0;
};

}  // namespace xpusim::rtl
