// Streaming attention (arXiv:2404.16629): the FIFO depth the naive graph needs grows linearly
// with sequence length; the reordered running-sum graph runs at full throughput with constant
// FIFO depths.
#include <catch2/catch.hpp>

#include <algorithm>

#include "DataflowRun.h"

using namespace xpusim;
using namespace xpusim::test;

namespace {

std::string vars(int n) {
  return "    config_load: 0ns\n    vars: Q=4,N=" + std::to_string(n) + "\n";
}

}  // namespace

TEST_CASE("naive attention: the bypass FIFO needs N + constant tokens") {
  std::vector<double> depth;
  for (int n : {256, 512, 1024, 2048}) {
    auto run = runWorkload("plasticine", "attention_naive", vars(n));
    depth.push_back(run->stat("system.rdu.attention_naive.channels.qk->p.max_occupancy"));
    INFO("N = " << n);
    CHECK(depth.back() > n);
    CHECK(depth.back() < n + 32);
  }
  // Linear with slope 1: doubling N adds N tokens of depth.
  CHECK(depth[1] - depth[0] == 256);
  CHECK(depth[2] - depth[1] == 512);
  CHECK(depth[3] - depth[2] == 1024);
}

TEST_CASE("naive attention deadlocks when the bypass is shorter than a row") {
  try {
    runWorkload("plasticine", "attention_naive", "    vars: Q=2,N=512,DEPTH=256\n");
    FAIL("expected a deadlock");
  } catch (const std::runtime_error& e) {
    const std::string msg = e.what();
    CHECK(msg.find("deadlock") != std::string::npos);
    CHECK(msg.find("qk->p full") != std::string::npos);
  }
}

TEST_CASE("reordered attention: full throughput, constant FIFO depth") {
  const char* inner[] = {"qk->online", "online->rowsum", "online->pv", "pv->norm", "rowsum->norm"};
  std::vector<double> overhead;
  std::vector<double> depth;
  for (int n : {256, 512, 1024, 2048}) {
    auto run = runWorkload("plasticine", "attention_reordered", vars(n));
    INFO("N = " << n);
    double deepest = 0;
    for (const char* c : inner)
      deepest =
          std::max(deepest, run->stat(std::string("system.rdu.attention_reordered.channels.") + c +
                                      ".max_occupancy"));
    depth.push_back(deepest);
    // One key per cycle: Q N cycles plus a pipeline fill that does not depend on N.
    overhead.push_back(run->stat("system.rdu.cycles") - 4.0 * n);
  }
  CHECK(overhead[0] > 0);
  CHECK(overhead[0] < 64);
  for (double o : overhead) CHECK(o == overhead[0]);
  // Tokens in flight over a few hops plus one waiting: small, and the same for every N.
  CHECK(depth[0] <= 4);
  for (double d : depth) CHECK(d == depth[0]);
}
