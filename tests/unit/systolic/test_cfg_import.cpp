// SCALE-Sim .cfg import (reference/systolic.md section 2).
#include <catch2/catch.hpp>

#include "SystolicRun.h"
#include "sim/cli/Commands.h"

using namespace xpusim::test;

namespace {
std::string cfg(const std::string& dataflow, const std::string& extra = "",
                const std::string& mode = "CALC") {
  return "[general]\nrun_name = test\n\n[architecture_presets]\nArrayHeight:    32\n"
         "ArrayWidth:     32\nIfmapSramSzkB:    64\nFilterSramSzkB:   64\nOfmapSramSzkB:    64\n"
         "IfmapOffset:    0\nFilterOffset:   10000000\nOfmapOffset:    20000000\n"
         "Bandwidth : 10\nDataflow : " +
         dataflow + "\n" + extra + "\n[run_presets]\nInterfaceBandwidth: " + mode + "\n";
}
std::unique_ptr<SystolicRun> runCfg(const std::string& text) {
  auto run = std::make_unique<SystolicRun>();
  run->folder.write("topo.csv", referenceTopology("test.csv"));
  xpusim::ConfigNode root = xpusim::ConfigLoader::loadFile(run->folder.write("scale.cfg", text));
  xpusim::ConfigLoader::applyOverride(root,
                                      "workload=" + (run->folder.dir() / "topo.csv").string());
  return runRoot(std::move(run), std::move(root));
}
}  // namespace

TEST_CASE(".cfg runs in scalesim mode with the reference values", "[systolic][cfg]") {
  CHECK(runCfg(cfg("os"))->stat("total_cycles") == 21479);
  CHECK(runCfg(cfg("ws"))->stat("total_cycles") == 77111);
  CHECK(runCfg(cfg("is"))->stat("total_cycles") == 25811);
}

TEST_CASE(".cfg option names are case-insensitive", "[systolic][cfg]") {
  std::string text = cfg("os");
  text.replace(text.find("ArrayHeight"), 11, "arrayheight");
  CHECK(runCfg(text)->stat("total_cycles") == 21479);
}

TEST_CASE("a misspelled .cfg key is rejected at its line", "[systolic][cfg]") {
  std::string text = cfg("os");
  text.replace(text.find("FilterSramSzkB"), 14, "FilterSramSzKiB");
  ConfigFolder folder;
  const auto file = folder.write("bad.cfg", text);
  try {
    xpusim::ConfigLoader::loadFile(file);
    FAIL("expected an InputError");
  } catch (const xpusim::InputError& e) {
    CHECK(e.where().file == file.string());
    CHECK(e.where().line == 8);
    CHECK(e.message().find("FilterSramSzKiB") != std::string::npos);
    CHECK(e.message().find("did you mean 'filtersramszkb'") != std::string::npos);
  }
}

TEST_CASE("a missing required .cfg key is an error", "[systolic][cfg]") {
  std::string text = cfg("os");
  text.erase(text.find("OfmapOffset"), text.find("Bandwidth") - text.find("OfmapOffset"));
  ConfigFolder folder;
  CHECK_THROWS_WITH(xpusim::ConfigLoader::loadFile(folder.write("m.cfg", text)),
                    Catch::Contains("missing key 'ofmapoffset'"));
}

TEST_CASE("a bad .cfg value is reported at its file, line and column", "[systolic][cfg]") {
  ConfigFolder folder;
  const auto file = folder.write("df.cfg", cfg("xs"));
  const xpusim::InputError e = buildError(file, {"workload=" + file.string()});
  CHECK(e.where().line == 14);
  CHECK(e.where().column == 12);
}

TEST_CASE("USER bandwidth adds a memory: stalls appear, total - stall = CALC", "[systolic][cfg]") {
  auto user = runCfg(cfg("os", "", "USER"));
  CHECK(user->stat("stall_cycles") > 0);
  CHECK(user->stat("total_cycles") - user->stat("stall_cycles") == 21479);
}

TEST_CASE("TopologyCsvLoc names the workload and MemoryBanks is accepted", "[systolic][cfg]") {
  auto run = std::make_unique<SystolicRun>();
  run->folder.write("topo.csv", referenceTopology("test.csv"));
  const auto file =
      run->folder.write("net.cfg", cfg("ws", "MemoryBanks: 4\n") +
                                       "\n[network_presets]\nTopologyCsvLoc = \"topo.csv\"\n");
  auto r = runRoot(std::move(run), xpusim::ConfigLoader::loadFile(file));
  CHECK(r->stat("total_cycles") == 77111);
}

TEST_CASE("xpusim run FILE.cfg --workload TOPOLOGY.csv writes SCALE-Sim's report",
          "[systolic][cfg]") {
  // The CLI path end to end: importer by extension, output folder, COMPUTE_REPORT.csv.
  ConfigFolder folder;
  xpusim::cli::RunRequest request;
  request.config = folder.write("scale.cfg", cfg("is"));
  request.workload = folder.write("topo.csv", referenceTopology("test.csv"));
  request.outDir = folder.dir() / "out";
  request.quiet = true;
  std::ostringstream out, err;
  REQUIRE(xpusim::cli::runCommand(request, out, err) == xpusim::cli::kExitOk);
  std::ifstream report(folder.dir() / "out" / "COMPUTE_REPORT.csv");
  std::stringstream text;
  text << report.rdbuf();
  CHECK(text.str().find("\n0, 25811, 0, 62.763") != std::string::npos);
  CHECK(std::filesystem::exists(folder.dir() / "out" / "layers.csv"));
  CHECK(std::filesystem::exists(folder.dir() / "out" / "stats.json"));
}
