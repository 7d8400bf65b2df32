// SSM-RDU (arXiv:2503.22937): the butterfly / scan networks inside the PCUs make Hyena's FFT
// convolution and Mamba's selective scan faster than on the baseline RDU; the projections
// (GEMMs) are unchanged.
#include <catch2/catch.hpp>

#include "DataflowRun.h"

using namespace xpusim::test;

namespace {

struct Pair {
  std::unique_ptr<Run> baseline, extended;
  double ratio(const std::string& stat) const {
    return baseline->stat(stat) / extended->stat(stat);
  }
};

Pair both(const std::string& workload, const std::string& vars) {
  const std::string keys = "    config_load: 0ns\n    vars: " + vars + "\n";
  return {runWorkload("plasticine", workload, keys + "    ssm_extension: false\n"),
          runWorkload("plasticine", workload, keys + "    ssm_extension: true\n")};
}

}  // namespace

TEST_CASE("the SSM extension makes Hyena faster than the baseline RDU") {
  const Pair p = both("hyena", "L=512,D=384,P=4");
  CHECK(p.ratio("system.rdu.hyena_in_proj.cycles") == 1.0);
  CHECK(p.ratio("system.rdu.hyena_out_proj.cycles") == 1.0);
  // 1024-point FFTs on 16 lanes x 6 stages: baseline II = ceil(4*16*16 / 96) + ceil(6 / 6) = 12,
  // extended II = ceil(10 / 6) = 2: the convolution stops being FFT-bound and becomes bound by
  // Plasticine's 51.2 GB/s DRAM (x in, y out), so it gains less than the 6x of its FFT nodes.
  CHECK(p.ratio("system.rdu.hyena_long_conv.cycles") > 1.2);
  CHECK(p.ratio("system.rdu.cycles") > 1.0);
  CHECK(p.baseline->stat("system.rdu.flops") == p.extended->stat("system.rdu.flops"));
}

TEST_CASE("the SSM extension makes Mamba faster than the baseline RDU") {
  const Pair p = both("mamba", "L=512,D=384,P=4");
  CHECK(p.ratio("system.rdu.mamba_in_proj.cycles") == 1.0);
  // Scan II: baseline ceil(16 * 17 / 96) = 3, extended ceil(log2(16) / 6) = 1.
  CHECK(p.ratio("system.rdu.mamba_scan.cycles") == Approx(3.0).epsilon(0.01));
  CHECK(p.ratio("system.rdu.cycles") > 1.5);
}
