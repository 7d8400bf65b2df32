// Stream and random generators: addresses, injection rate and drain.
#include <catch2/catch.hpp>

#include "../memory/RunConfig.h"

using xpusim::test::runConfig;

namespace {
// An ideal memory on the 1 GHz clock: a 64 B read takes 1 + 1 + 5 + 1 = 8 cycles unloaded.
std::string config(const std::string& generator) {
  return "components:\n"
         "  gen: {type: traffic_generator, mem: mem, max_outstanding: 64, " +
         generator +
         "}\n"
         "  mem: {type: ideal_memory, latency: 5ns, bandwidth: 1TB/s}\n";
}
}  // namespace

TEST_CASE("the injection rate spaces requests", "[traffic][generator]") {
  // 10 requests at 0.25 per cycle: request 9 is due at cycle 36 and done 8 cycles later.
  auto r = runConfig(config("pattern: stream, requests: 10, injection_rate: 0.25"));
  CHECK(r->stat("system.gen.requests") == 10);
  CHECK(r->stat("system.gen.finish_ticks") == (36 + 8) * 1000);
  CHECK(r->stat("system.gen.stall_cycles") == 0);
}

TEST_CASE("a random generator mixes reads and writes deterministically", "[traffic][generator]") {
  const std::string g =
      "pattern: random, requests: 2000, read_fraction: 0.75, range: 1MiB, "
      "issue_width: 2, injection_rate: 2";
  auto a = runConfig(config(g));
  auto b = runConfig(config(g));
  CHECK(a->stat("system.gen.requests") == 2000);
  CHECK(a->stat("system.gen.reads") == b->stat("system.gen.reads"));
  CHECK(a->stat("system.gen.reads") == Approx(1500).margin(100));
}

TEST_CASE("generator parameters are checked", "[traffic][generator]") {
  CHECK_THROWS_WITH(runConfig(config("pattern: stream, requests: 1, injection_rate: 2")),
                    Catch::Contains("injection_rate"));
  CHECK_THROWS_WITH(runConfig(config("pattern: random, requests: 1, range: 100B")),
                    Catch::Contains("range"));
}
