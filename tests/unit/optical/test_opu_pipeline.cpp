// The OPU frame pipeline end to end (engine stages, channels, host): exact run times derived
// stage by stage, the bounding stage, lightonml's frame-timing check C4, output files, errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "../memory/RunConfig.h"

using xpusim::test::runConfig;

namespace {
// Host link Gen2 x4 at efficiency 1: 2e9 B/s, 500 ps per byte. Host roofline 1e12 FLOP/s and
// 1e12 B/s. DMD 200 us per pattern. Camera: 400 us exposure, 300 ns per row, 50 us overhead.
std::string device(const std::string& extra = "") {
  return "components:\n"
         "  opu:\n"
         "    type: optical_projection_unit\n"
         "    job: job.yaml\n"
         "    link_generation: 2\n"
         "    link_lanes: 4\n"
         "    link_efficiency: 1\n"
         "    link_latency: 1us\n"
         "    dmd_frame_period: 200us\n"
         "    exposure: 400us\n"
         "    readout_per_row: 300ns\n"
         "    frame_overhead: 50us\n"
         "    gain: 0.1\n"
         "    power: 30\n"
         "    peak_ops_per_s: 1.5e15\n"
         "    host_peak_flops: 1e12\n"
         "    host_memory_bandwidth: 1000GB/s\n" +
         extra;
}
std::string job(std::uint64_t n, std::uint64_t m, std::uint64_t samples,
                const std::string& extra = "") {
  return "job: random_features\nn_features: " + std::to_string(n) +
         "\nn_components: " + std::to_string(m) + "\nsamples: " + std::to_string(samples) +
         "\nkernel_samples: 0\n" + extra;
}
// Stage times for n = 8192 inputs (ps):
//   e (host encode)  = max(8192 flops / 1e12, (4 x 8192 + 8192 / 8) B / 1e12) = 33,792
//   h (hand-off) = 1,000; L (link latency) = 1,000,000
//   a (link in)  = 8192 / 8 B x 500 = 512,000; d (DMD) = 200,000,000
// The camera starts frame 0 at S0 = e + h + a + L + d + h = 201,547,792.
constexpr std::uint64_t kS0 = 33'792 + 1'000 + 512'000 + 1'000'000 + 200'000'000 + 1'000;
}  // namespace

TEST_CASE("camera-bound pipeline: run time = S0 + N frame times + output tail", "[optical]") {
  // m = 2048 outputs: 2 rows, readout 0.6 us < exposure: c = 450 us; link out b = 2048 x 500
  // = 1,024,000. The last frame reaches the host at S0 + 10 c + h + b + L.
  auto r = runConfig(device("    functional: false\n"), {{"job.yaml", job(8192, 2048, 10)}});
  CHECK(r->result.drained);
  CHECK(r->stat("system.opu.frame_time") == 450'000'000);
  CHECK(r->stat("system.opu.frames") == 10);
  CHECK(r->stat("system.opu.run_time") ==
        kS0 + 10 * 450'000'000ull + 1'000 + 1'024'000 + 1'000'000);
  CHECK(r->stat("system.opu.bound_by") == 3);  // camera
  CHECK(r->stat("system.opu.stage_busy::3") == 10 * 450'000'000ull);
  CHECK(r->stat("system.opu.stage_busy::2") == 10 * 200'000'000ull);
  CHECK(r->stat("system.opu.link_bytes_in") == 10 * 1024);
  CHECK(r->stat("system.opu.link_bytes_out") == 10 * 2048);
  const double seconds = r->stat("system.opu.run_time") * 1e-12;
  CHECK(r->stat("system.opu.frames_per_s") == Approx(10 / seconds));
  CHECK(r->stat("system.opu.effective_ops_per_s") == Approx(10.0 * 8192 * 2048 / seconds));
  CHECK(r->stat("system.opu.energy") == Approx(30 * seconds));
}

TEST_CASE("the host link bounds a full-sensor output", "[optical]") {
  // m = 2,073,600 (1080 rows, readout 324 us): camera 450 us, link out b = 2,073,600 x 500 ps
  // = 1.0368 ms per frame. Link out runs back to back from the first frame's arrival at
  // S0 + c + h, so the run ends at S0 + c + h + 6 b + L.
  auto r = runConfig(device("    functional: false\n"), {{"job.yaml", job(8192, 2073600, 6)}});
  CHECK(r->stat("system.opu.bound_by") == 4);  // link_out
  CHECK(r->stat("system.opu.run_time") ==
        kS0 + 450'000'000ull + 1'000 + 6 * 1'036'800'000ull + 1'000'000);
}

TEST_CASE("frames per vector: bit planes, sign and holography multiply", "[optical]") {
  // 4-bit signed planes (8) x (1 + 4 anchors) in linear mode = 40 frames per vector.
  auto r = runConfig(device("    functional: false\n"),
                     {{"job.yaml", job(1024, 256, 3,
                                       "encoding: bitplane\nprecision: 4\nmode: linear\n"
                                       "input_distribution: normal\n")}});
  CHECK(r->stat("system.opu.frames_per_vector") == 40);
  CHECK(r->stat("system.opu.frames") == 120);
  auto u = runConfig(device("    functional: false\n"),
                     {{"job.yaml", job(1024, 256, 3,
                                       "encoding: bitplane\nprecision: 4\n"
                                       "input_distribution: uniform\n")}});
  CHECK(u->stat("system.opu.frames_per_vector") == 4);  // unsigned, intensity
}

TEST_CASE("check C4: 3000 vectors take 1.5 s non-linear and 7.5 s linear", "[optical]") {
  const std::string preset = "extends: " XPUSIM_SOURCE_DIR
                             "/configs/optical/lighton_opu.yaml\n"
                             "components:\n  opu:\n    functional: false\n    job: job.yaml\n";
  // 500 us frames (lightonml frame_time_us) -> 2000 frames/s; fill and drain add < 2 ms.
  auto r = runConfig(preset, {{"job.yaml", job(1000, 1000, 3000)}});
  CHECK(r->stat("system.opu.frame_time") == 500'000'000);
  CHECK(r->stat("system.opu.run_time") > 1.5e12);
  CHECK(r->stat("system.opu.run_time") < 1.502e12);
  auto l = runConfig(preset, {{"job.yaml", job(1000, 1000, 3000, "mode: linear\n")}});
  CHECK(l->stat("system.opu.frames") == 15000);
  CHECK(l->stat("system.opu.run_time") > 7.5e12);
  CHECK(l->stat("system.opu.run_time") < 7.502e12);
}

TEST_CASE("a training job waits for each step: a slow host bounds it", "[optical]") {
  // Forward 2 x 8 x (64 x 256 + 256 x 10) = 303,104 flops at 1e6 FLOP/s: 0.303 s per step,
  // against 2 x 5 x 8 = 80 frames x 450 us = 36 ms of camera time per step.
  std::string slowHost = device("    functional: false\n");
  slowHost.replace(slowHost.find("1e12"), 4, "1e6");  // host_peak_flops
  auto r = runConfig(slowHost,
                     {{"job.yaml", "job: dfa_training\nlayers: 64,256,10\nsteps: 3\nbatch: 8\n"}});
  CHECK(r->stat("system.opu.frames") == 240);
  CHECK(r->stat("system.opu.bound_by") == 0);
}

TEST_CASE("functional runs write results atomically as .npy or .csv", "[optical]") {
  auto r = runConfig(device(), {{"job.yaml", job(64, 32, 5, "batch: 2\noutput: out/y.npy\n")}});
  const auto npy = r->folder.dir() / "out" / "y.npy";
  REQUIRE(std::filesystem::exists(npy));
  // 128-byte header (10 + dict + newline padded to 64) + 5 x 32 float64.
  CHECK(std::filesystem::file_size(npy) == 128 + 5 * 32 * 8);
  std::ifstream in(npy, std::ios::binary);
  char magic[6];
  in.read(magic, 6);
  CHECK(std::string(magic + 1, 5) == "NUMPY");
  auto c = runConfig(device(), {{"job.yaml", job(64, 32, 5, "batch: 2\noutput: y.csv\n")}});
  std::ifstream csv(c->folder.dir() / "y.csv");
  std::string line;
  int lines = 0;
  while (std::getline(csv, line)) ++lines;
  CHECK(lines == 5);
}

TEST_CASE("bad jobs are input errors with a location", "[optical]") {
  CHECK_THROWS_WITH(runConfig(device(), {{"job.yaml", job(2000000, 32, 1)}}),
                    Catch::Contains("DMD pixels"));
  CHECK_THROWS_WITH(runConfig(device(), {{"job.yaml",
                                          "job: dfa_training\nlayers: 64,x\n"
                                          "steps: 1\n"}}),
                    Catch::Contains("job.yaml:2"));
  CHECK_THROWS_WITH(runConfig(device(), {{"job.yaml", "job: fourier\n"}}),
                    Catch::Contains("unknown job 'fourier'"));
  CHECK_THROWS_WITH(runConfig(device(), {{"job.yaml", job(64, 32, 1, "samples_typo: 3\n")}}),
                    Catch::Contains("unknown key 'samples_typo'"));
}
