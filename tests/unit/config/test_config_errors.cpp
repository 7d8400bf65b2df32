// One test per class of config error: each message names the file, the line (and column) and
// the key, and says what was expected.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "ConfigFixture.h"

using namespace xpusim;
using xpusim::test::buildError;
using xpusim::test::ConfigFolder;

namespace {
const char* kGood = R"(seed: 3
components:
  mem:
    type: ideal_memory
    latency: 5ns
    bandwidth: 8GB/s
)";
}

TEST_CASE("a valid config builds", "[config]") {
  ConfigFolder f;
  Simulation sim(ConfigLoader::loadFile(f.write("good.yaml", kGood)));
  CHECK(sim.seed() == 3);
  REQUIRE(sim.find("system.mem") != nullptr);
  CHECK(sim.find("system.mem")->info().type == "ideal_memory");
}

TEST_CASE("misspelled key: file, line, column, component path and a suggestion", "[config]") {
  ConfigFolder f;
  const auto file =
      f.write("c.yaml", "components:\n  mem:\n    type: ideal_memory\n    latncy: 5ns\n");
  const InputError e = buildError(file);
  CHECK(e.where().file == file.string());
  CHECK(e.where().line == 4);
  CHECK(e.where().column == 5);
  CHECK_THAT(e.what(), Catch::Contains("system.mem: unknown key 'latncy'"));
  CHECK_THAT(e.what(), Catch::Contains("did you mean 'latency'?"));
  CHECK_THAT(e.what(), Catch::StartsWith(file.string() + ":4:5: "));
}

TEST_CASE("wrong unit names the key and the expected unit", "[config]") {
  ConfigFolder f;
  const auto file =
      f.write("c.yaml", "components:\n  mem:\n    type: ideal_memory\n    latency: 5GB\n");
  const InputError e = buildError(file);
  CHECK(e.where().line == 4);
  CHECK(e.where().column == 14);
  CHECK_THAT(e.what(), Catch::Contains("system.mem: 'latency' = '5GB'"));
  CHECK_THAT(e.what(), Catch::Contains("expected a duration"));
}

TEST_CASE("a number without a unit where one is required", "[config]") {
  ConfigFolder f;
  const auto file =
      f.write("c.yaml", "components:\n  mem:\n    type: ideal_memory\n    bandwidth: 16\n");
  const InputError e = buildError(file);
  CHECK(e.where().line == 4);
  CHECK_THAT(e.what(), Catch::Contains("'bandwidth' = '16'"));
  CHECK_THAT(e.what(), Catch::Contains("16GB/s"));
}

TEST_CASE("missing input file for a trace player", "[config]") {
  ConfigFolder f;
  const auto file = f.write("c.yaml", "components:\n  p:\n    type: trace_player\n    mem: m\n");
  const InputError e = buildError(file);
  CHECK(e.where().file == file.string());
  CHECK(e.where().line == 3);
  CHECK_THAT(e.what(), Catch::Contains("system.p: no trace"));
}

TEST_CASE("unknown component type with a suggestion", "[config]") {
  ConfigFolder f;
  const auto file = f.write("c.yaml", "components:\n  s:\n    type: sarm\n");
  const InputError e = buildError(file);
  CHECK(e.where().line == 3);
  CHECK(e.where().column == 11);
  CHECK_THAT(e.what(), Catch::Contains("unknown component type 'sarm' (did you mean 'sram'?)"));
}

TEST_CASE("component without type lists the types", "[config]") {
  ConfigFolder f;
  const InputError e = buildError(f.write("c.yaml", "components:\n  s:\n    banks: 4\n"));
  CHECK(e.where().line == 3);
  CHECK_THAT(e.what(), Catch::Contains("system.s: missing 'type:'"));
  CHECK_THAT(e.what(), Catch::Contains("sram"));
}

TEST_CASE("a map where a value is expected", "[config]") {
  ConfigFolder f;
  const InputError e =
      buildError(f.write("c.yaml", "components:\n  s:\n    type: sram\n    banks:\n      x: 1\n"));
  CHECK(e.where().line == 5);
  CHECK_THAT(e.what(), Catch::Contains("'banks' expects a single value"));
}

TEST_CASE("a value out of the model's range", "[config]") {
  ConfigFolder f;
  const InputError e =
      buildError(f.write("c.yaml", "components:\n  s:\n    type: sram\n    banks: 0\n"));
  CHECK(e.where().line == 4);
  CHECK_THAT(e.what(), Catch::Contains("system.s: 'banks' = '0': must be at least 1"));
}

TEST_CASE("a choice outside its list", "[config]") {
  ConfigFolder f;
  f.write("t.trace", "0x0 READ 0\n");
  const InputError e = buildError(
      f.write("c.yaml",
              "components:\n  p:\n    type: trace_player\n    trace: t.trace\n    format: "
              "dramsim\n    mem: m\n  m:\n    type: sram\n"));
  CHECK(e.where().line == 5);
  CHECK_THAT(e.what(), Catch::Contains("expected one of auto, dramsim3, ramulator, csv"));
  CHECK_THAT(e.what(), Catch::Contains("did you mean 'dramsim3'?"));
}

TEST_CASE("YAML syntax error", "[config]") {
  ConfigFolder f;
  const auto file = f.write("c.yaml", "components:\n  s: [type: sram\n");
  const InputError e = buildError(file);
  CHECK(e.where().file == file.string());
  CHECK(e.where().line >= 2);
  CHECK_THAT(e.what(), Catch::Contains("YAML syntax error"));
}

TEST_CASE("duplicate key", "[config]") {
  ConfigFolder f;
  const InputError e = buildError(f.write("c.yaml", "seed: 1\nseed: 2\n"));
  CHECK(e.where().line == 2);
  CHECK_THAT(e.what(), Catch::Contains("duplicate key 'seed'"));
  CHECK_THAT(e.what(), Catch::Contains(":1:1"));
}

TEST_CASE("port naming a missing component", "[config]") {
  ConfigFolder f;
  f.write("t.trace", "0x0 READ 0\n");
  const InputError e = buildError(f.write(
      "c.yaml", "components:\n  p:\n    type: trace_player\n    trace: t.trace\n    mem: dram\n"));
  CHECK(e.where().line == 5);
  CHECK_THAT(e.what(), Catch::Contains("port 'mem' names 'dram', which is not a component"));
}

TEST_CASE("extends: presets merge, the child wins, errors point into the right file", "[config]") {
  ConfigFolder f;
  f.write("presets/mem.yaml", "type: ideal_memory\nlatency: 7ns\nbandwidth: 4GB/s\n");
  const auto top =
      f.write("top.yaml", "components:\n  mem:\n    extends: presets/mem.yaml\n    latency: 9ns\n");
  Simulation sim(ConfigLoader::loadFile(top));
  const ConfigNode resolved = sim.resolvedConfig();
  const ConfigNode* mem = resolved.find("components")->find("mem");
  CHECK(mem->find("latency")->scalar == "9ns");
  CHECK(mem->find("bandwidth")->scalar == "4GB/s");
  CHECK(mem->find("queue_depth")->scalar == "16");

  f.write("presets/bad.yaml", "type: ideal_memory\nlatency: 7\n");
  const auto bad = f.write("bad.yaml", "components:\n  mem:\n    extends: presets/bad.yaml\n");
  const InputError e = buildError(bad);
  CHECK(e.where().file == (f.dir() / "presets/bad.yaml").string());
  CHECK(e.where().line == 2);

  const InputError missing =
      buildError(f.write("m.yaml", "components:\n  mem:\n    extends: nowhere.yaml\n"));
  CHECK(missing.where().line == 3);
  CHECK_THAT(missing.what(), Catch::Contains("no such file"));

  f.write("loop_a.yaml", "extends: loop_b.yaml\n");
  f.write("loop_b.yaml", "extends: loop_a.yaml\n");
  CHECK_THAT(buildError(f.dir() / "loop_a.yaml").what(), Catch::Contains("cycle"));
}

TEST_CASE("command-line overrides reach components and errors name the override", "[config]") {
  ConfigFolder f;
  const auto file = f.write("good.yaml", kGood);
  ConfigNode root = ConfigLoader::loadFile(file);
  ConfigLoader::applyOverride(root, "mem.latency=11ns");
  ConfigLoader::applyOverride(root, "seed=9");
  Simulation sim(std::move(root));
  CHECK(sim.seed() == 9);
  CHECK(sim.resolvedConfig().find("components")->find("mem")->find("latency")->scalar == "11ns");

  const InputError bad = buildError(file, {"mem.latency=11"});
  CHECK(bad.where().file == "--set mem.latency=11");
  CHECK_THAT(bad.what(), Catch::Contains("'latency' = '11'"));
  const InputError misspelled = buildError(file, {"mem.latncy=1ns"});
  CHECK_THAT(misspelled.what(), Catch::Contains("did you mean 'latency'?"));
  CHECK_THAT(buildError(file, {"dram.latency=1ns"}).what(),
             Catch::Contains("no key or component 'dram'"));
  CHECK_THAT(buildError(file, {"novalue"}).what(), Catch::Contains("path.to.key=value"));
}
