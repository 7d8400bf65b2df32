// SCALE-Sim topology reading and lowering (reference/systolic.md section 1).
#include <catch2/catch.hpp>

#include "SystolicRun.h"
#include "models/systolic/Topology.h"

using namespace xpusim::systolic;
using xpusim::InputError;

namespace {
std::vector<Layer> conv(const std::string& rows) {
  return TopologyReader::parse(
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter "
      "Width, Channels, Num Filter, Strides,\n" +
          rows,
      "t.csv", TopologyFormat::kAuto);
}
}  // namespace

TEST_CASE("test.csv lowers to M = 25, N = 384, K = 1728", "[systolic][topology]") {
  auto layers = TopologyReader::parse(xpusim::test::referenceTopology("test.csv"), "test.csv",
                                      TopologyFormat::kAuto);
  REQUIRE(layers.size() == 1);
  CHECK(layers[0].name == "Inc5b_3x3");
  CHECK(layers[0].ofmapH() == 5);  // ceil((7 - 3 + 1) / 1)
  const GemmShape g = layers[0].gemm(1);
  CHECK(g.m == 25);
  CHECK(g.n == 384);
  CHECK(g.k == 1728);  // 3 * 3 * 192
}

TEST_CASE("a row without the trailing comma loses its last value and is rejected",
          "[systolic][topology]") {
  // "c1, 8, 8, 3, 3, 4, 16, 1" -> 7 fields after dropping the last: the stride is gone.
  try {
    conv("c1, 8, 8, 3, 3, 4, 16, 1\n");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.where().line == 2);
    CHECK(e.message().find("trailing comma") != std::string::npos);
  }
}

TEST_CASE("stride_w is optional and defaults to stride_h", "[systolic][topology]") {
  auto a = conv("c1, 9, 9, 3, 3, 4, 16, 2,\n");
  CHECK(a[0].strideW == 2);
  auto b = conv("c1, 9, 9, 3, 3, 4, 16, 2, 1,\n");
  CHECK(b[0].strideW == 1);
  CHECK(b[0].ofmapH() == 4);  // ceil((9 - 3 + 2) / 2)
  CHECK(b[0].ofmapW() == 7);  // ceil((9 - 3 + 1) / 1)
}

TEST_CASE("the ofmap uses SCALE-Sim's ceil((ifmap - filter + stride) / stride)",
          "[systolic][topology]") {
  // 58 - 3 + 2 = 57, / 2 = 28.5 -> 29 (PyTorch's floor((58 - 3) / 2) + 1 would give 28).
  CHECK(conv("c1, 58, 58, 3, 3, 4, 16, 2,\n")[0].ofmapH() == 29);
}

TEST_CASE("a DP layer expands into one single-channel layer per channel", "[systolic][topology]") {
  auto layers = conv("Conv_DP1, 10, 10, 3, 3, 3, 8, 1,\nnext, 4, 4, 1, 1, 2, 2, 1,\n");
  REQUIRE(layers.size() == 4);
  CHECK(layers[0].name == "Conv_DP1Channel_0");
  CHECK(layers[2].name == "Conv_DP1Channel_2");
  CHECK(layers[1].channels == 1);
  CHECK(layers[1].filters == 8);
  CHECK(layers[1].gemm(1).k == 9);  // 3 x 3 x 1
  CHECK(layers[3].name == "next");
}

TEST_CASE("a GEMM topology is recognised by its header and keeps M, N, K", "[systolic][topology]") {
  auto layers = TopologyReader::parse("Layer, M, N, K,\nfc, 7, 5, 3,\n\nfc2, 1, 64, 128,\n",
                                      "g.csv", TopologyFormat::kAuto);
  REQUIRE(layers.size() == 2);
  CHECK(layers[0].gemm(1).m == 7);
  CHECK(layers[0].gemm(1).n == 5);
  CHECK(layers[0].gemm(1).k == 3);
  CHECK(layers[1].gemm(4).m == 4);  // batch multiplies M
}

TEST_CASE("bad values name line and column", "[systolic][topology]") {
  try {
    conv("c1, 8, x8, 3, 3, 4, 16, 1,\n");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 8);
  }
  CHECK_THROWS_AS(conv("c1, 2, 8, 3, 3, 4, 16, 1,\n"), InputError);  // filter > ifmap
}

TEST_CASE("a DP row runs as one layer per channel, each in the reports", "[systolic][topology]") {
  // 3 channels of a 3x3 depthwise conv on 6x6 (ofmap 4x4): 3 layers of M = 16, N = 1, K = 9.
  auto r = xpusim::test::runArray(
      "    timing: scalesim\n    dataflow: os\n    rows: 4\n    cols: 4\n",
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, "
      "Strides,\ndw_DP, 6, 6, 3, 3, 3, 1, 1,\n");
  CHECK(r->stat("layers") == 3);
  CHECK(r->layer(2).name == "dw_DPChannel_2");
  // os: 4 row folds x 1 column fold of L = 9 + 4 + 4 - 2 = 15: 60 - 1 = 59 per layer.
  CHECK(r->stat("total_cycles") == 3 * 59);
  CHECK(r->file("COMPUTE_REPORT.csv").find("\n2, 59, 0,") != std::string::npos);
}
