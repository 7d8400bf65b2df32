#include "models/flash/llm/TilingPlan.h"

#include <cmath>

namespace xpusim::llm {

TilingPlan TilingPlan::make(std::uint64_t channels, std::uint64_t coresPerChannel,
                            std::uint64_t pageElements, std::uint64_t pageBytes, double tR,
                            double channelBandwidth, std::uint64_t tileH, std::uint64_t tileW,
                            double npuShare, bool useBalanced) {
  TilingPlan p;
  p.tileH = tileH ? tileH
                  : static_cast<std::uint64_t>(
                        std::floor(std::sqrt(static_cast<double>(coresPerChannel * pageElements))));
  p.tileW = tileW ? tileW : channels * p.tileH;
  const double perChannel = static_cast<double>(p.tileW) / static_cast<double>(channels);
  p.tRc = tR + perChannel / channelBandwidth;
  p.rateRc = (static_cast<double>(p.tileH) + perChannel) / (tR * channelBandwidth);
  p.tRead = static_cast<double>(pageBytes) / ((1 - p.rateRc) * channelBandwidth);
  p.balanced = p.tRc / (p.tRc + static_cast<double>(coresPerChannel) * p.tRead);
  const double formula = p.tRead / (p.tRead + p.tRc);
  p.alpha = npuShare >= 0 ? npuShare : useBalanced ? p.balanced : formula;
  return p;
}

}  // namespace xpusim::llm
