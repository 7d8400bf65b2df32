// RtlHarness: cycle counting and the hang guard every RTL driver relies on.
#include <catch2/catch.hpp>

#include <Vsystolic_array.h>

#include "rtl/cosim/RtlHarness.h"

using namespace xpusim;
using namespace xpusim::rtl;

TEST_CASE("RtlHarness counts rising edges from reset and flags a block without progress",
          "[cosim][harness]") {
  // The systolic RTL offered nothing (st_valid = rs_valid = 0) never accepts or writes
  // anything: a stand-in for a stuck block.
  RtlHarness<Vsystolic_array> rtl;
  rtl.top().cfg_rows = 4;
  rtl.top().cfg_cols = 4;
  rtl.top().res_ready = 1;
  rtl.reset();
  CHECK(rtl.cycle() == 0);
  for (Cycle c = 0; c < kHangCycles; ++c) {
    rtl.settle();
    rtl.rise();
  }
  // kHangCycles cycles without progress: not yet hung (the limit is "more than").
  CHECK(rtl.cycle() == kHangCycles);
  CHECK_FALSE(rtl.hung());
  rtl.progressed();
  rtl.settle();
  rtl.rise();
  CHECK_FALSE(rtl.hung());
  for (Cycle c = 0; c < kHangCycles; ++c) {
    rtl.settle();
    rtl.rise();
  }
  CHECK(rtl.hung());
}
