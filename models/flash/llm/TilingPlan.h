#pragma once
#include <cstdint>

namespace xpusim::llm {

/// Cambricon-LLM hardware-aware tiling (MICRO'24), per weight matrix:
///   H* = floor(sqrt(cores_per_channel * page_elements)), W* = channels * H*
///   t_rc    = tR + W / (channels * BW_ch)                 (one READ_COMPUTE round)
///   rate_rc = (H + W / channels) / (tR * BW_ch)           (channel share it needs)
///   t_read  = page / ((1 - rate_rc) * BW_ch)              (one raw page in the gaps)
///   alpha   = t_read / (t_read + t_rc)
/// alpha is taken as the share of weights read raw to the NPU (READ_SLICE); 1 - alpha is
/// computed in flash. (Per channel, cores_per_channel cores compute a page per t_rc while the
/// bus streams one raw page per t_read: S gives an NPU share of 0.31 at balance, close to
/// alpha = 0.355; the other reading would idle the cores two thirds of the time.)
/// `balanced` instead equalises the two paths of a channel: cores_per_channel cores computing
/// a page per t_rc against one raw page per t_read: share = t_rc / (t_rc + cores * t_read).
/// Sizes in bytes (elements for H and W), times in seconds, BW_ch in bytes per second.
struct TilingPlan {
  std::uint64_t tileH = 0, tileW = 0;
  double tRc = 0, rateRc = 0, tRead = 0, alpha = 0, balanced = 0;

  /// The formula plan; `tileH`/`tileW` = 0 pick H*/W*; `npuShare` in [0, 1] overrides the
  /// share, else `useBalanced` picks `balanced` and otherwise alpha.
  static TilingPlan make(std::uint64_t channels, std::uint64_t coresPerChannel,
                         std::uint64_t pageElements, std::uint64_t pageBytes, double tR,
                         double channelBandwidth, std::uint64_t tileH, std::uint64_t tileW,
                         double npuShare, bool useBalanced);
};

}  // namespace xpusim::llm
