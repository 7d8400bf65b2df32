#include <catch2/catch.hpp>

#include "../memory/RunConfig.h"
#include "models/flash/llm/ModelShape.h"
#include "models/flash/llm/NpuGemv.h"

using namespace xpusim;

namespace {
const char* kTinyShape =
    "name: tiny\nfamily: llama\nlayers: 2\nhidden: 1024\nffn: 2048\nheads: 8\nkv_heads: 2\n"
    "vocab: 4096\n";
std::string decodeConfig(const std::string& extra = "") {
  return "workload: tiny.yaml\ncomponents:\n  flash:\n    extends: " XPUSIM_SOURCE_DIR
         "/configs/flash/cambricon_llm_device.yaml\n    channels: 8\n" +
         extra;
}
}  // namespace

TEST_CASE("flash model shapes give the published parameter counts") {
  const auto opt = llm::ModelShape::readFile(XPUSIM_SOURCE_DIR "/workloads/llm/opt-6.7b.yaml");
  // 32 x (4 h^2 + 2 h ffn) + h x vocab = 32 x 201,326,592 + 205,914,112 = 6,648,365,056.
  CHECK(opt.weightsPerToken() == 6'648'365'056ull);
  const auto l70 = llm::ModelShape::readFile(XPUSIM_SOURCE_DIR "/workloads/llm/llama2-70b.yaml");
  CHECK(l70.kvWidth() == 1024);  // 8 KV heads x 128
  // 80 x (h(h + 2048) + h^2 + 3 h ffn) + h vocab = 68,714,758,144 (LLaMA-2-70B without embeddings)
  CHECK(l70.weightsPerToken() ==
        80ull * (8192ull * 10240 + 8192ull * 8192 + 3ull * 8192 * 28672) + 8192ull * 32000);
}

TEST_CASE("flash NPU GEMV cycles follow the systolic fold law with split-K") {
  const llm::NpuGemv npu(16, 16);
  // k = 4096 split over 16 rows: t = 256; n = 4096: 256 column folds of length 256 + 16 + 16 - 2,
  // plus 15 adder cycles per fold.
  CHECK(npu.cycles(4096, 4096) == 256 * (256 + 30) + 256 * 15);
}

TEST_CASE("flash LLM decode runs layer by layer and reports tokens per second") {
  auto run = test::runConfig(decodeConfig(), {{"tiny.yaml", kTinyShape}});
  CHECK(run->stat("system.flash.tokens") == 1);
  CHECK(run->stat("system.flash.tokens_per_s") > 0);
  CHECK(run->stat("system.flash.tile_h") == 256);
  CHECK(run->stat("system.flash.tile_w") == 2048);
  // Pages per layer: qkv 1024 x 1536 B = 96, out 64, gate_up 1024 x 4096 = 256, down 128
  // (16 KiB pages); 2 layers + lm_head 1024 x 4096 = 256: 2 x 544 + 256 = 1344 pages.
  CHECK(run->stat("system.flash.flash_pages") + run->stat("system.flash.npu_pages") == 1344);
  // W4A16 halves the weight bytes.
  auto w4 = test::runConfig(decodeConfig("    quantization: w4a16\n"), {{"tiny.yaml", kTinyShape}});
  CHECK(w4->stat("system.flash.flash_pages") + w4->stat("system.flash.npu_pages") == 672);
  CHECK(w4->stat("system.flash.tokens_per_s") > run->stat("system.flash.tokens_per_s"));
}

TEST_CASE("flash model shape errors point at the offending key") {
  auto bad = [&] { test::runConfig(decodeConfig(), {{"tiny.yaml", "name: x\nfamily: gpt\n"}}); };
  CHECK_THROWS_WITH(bad(), Catch::Contains("tiny.yaml:2:9: model shape: expected 'family: opt'"));
}
