#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "models/systolic/Dataflow.h"

namespace xpusim::systolic {

/// One layer of a SCALE-Sim topology after reading (a convolution; GEMM rows are lowered to
/// the convolution [M, K, 1, K, 1, N, 1, 1] exactly as SCALE-Sim does).
struct Layer {
  std::string name;
  std::uint64_t ifmapH = 0, ifmapW = 0;    ///< input feature map, pixels (padding included)
  std::uint64_t filterH = 0, filterW = 0;  ///< filter window, pixels
  std::uint64_t channels = 0;              ///< input channels
  std::uint64_t filters = 0;               ///< output channels
  std::uint64_t strideH = 1, strideW = 1;
  int line = 0;  ///< line of the topology file it came from

  /// SCALE-Sim's ofmap size: ceil((ifmap - filter + stride) / stride), no padding.
  std::uint64_t ofmapH() const { return (ifmapH - filterH + strideH + strideH - 1) / strideH; }
  std::uint64_t ofmapW() const { return (ifmapW - filterW + strideW + strideW - 1) / strideW; }
  /// The lowered GEMM for `batch` inputs: M = ofmap pixels x batch, N = filters, K = window.
  GemmShape gemm(std::uint64_t batch) const {
    return {ofmapH() * ofmapW() * batch, filters, filterH * filterW * channels};
  }
  /// Distinct input words (ifmap_h x ifmap_w x channels x batch), before im2col duplication.
  std::uint64_t ifmapWords(std::uint64_t batch) const { return ifmapH * ifmapW * channels * batch; }
};

/// Topology CSV forms.
enum class TopologyFormat {
  kAuto,  ///< GEMM when the header's fields 2-4 are M, N, K; convolution otherwise
  kConv,  ///< `name, ifmap_h, ifmap_w, filt_h, filt_w, channels, num_filters, stride_h[,
          ///< stride_w],`
  kGemm,  ///< `name, M, N, K,`
};

/// Reads SCALE-Sim v2 topology CSVs (`topology_utils.py`) with its quirks: the first line is a
/// header and is skipped; blank lines are skipped; every row is split on ',' and its LAST
/// field dropped (rows must end with a trailing comma); a missing stride_w repeats stride_h; a
/// conv layer whose name contains "DP" is depthwise: it becomes `channels` layers with one
/// channel each, named `<name>Channel_<i>`. Anything SCALE-Sim would crash on or silently
/// misread (a lost last value, a non-integer, a filter larger than the ifmap, zero sizes) is an
/// InputError naming file, line, column and what was expected.
class TopologyReader {
 public:
  static std::vector<Layer> readFile(const std::filesystem::path& file, TopologyFormat format);
  static std::vector<Layer> parse(std::string_view text, const std::string& source,
                                  TopologyFormat format);
  /// "auto" / "conv" / "gemm".
  static TopologyFormat formatNamed(std::string_view name);
};

}  // namespace xpusim::systolic
