// The typed parameter reader on its own: every type, defaults, required and optional keys.
#include <catch2/catch.hpp>

#include "sim/config/ConfigLoader.h"
#include "sim/config/ParamReader.h"

using namespace xpusim;

namespace {
std::vector<ParamSpec> specs() {
  return {
      Param::flag("enabled", "a flag").def("false"),
      Param::uint("banks", "banks", "bank count"),
      Param::integer("offset", "bytes", "signed offset").def("-4"),
      Param::real("scale", "", "a factor").def("0.5"),
      Param::text("label", "a name").def("x"),
      Param::choice("policy", {"open", "closed"}, "page policy").def("open"),
      Param::time("latency", "a latency").def("10ns"),
      Param::clock("clock", "a clock").def("1GHz"),
      Param::bytes("size", "a size").def("1KiB"),
      Param::bandwidth("bandwidth", "a bandwidth").def("1GB/s"),
      Param::path("file", "a file").optionalValue(),
  };
}
ConfigNode yaml(const std::string& text) {
  return ConfigLoader::loadText(text, "t.yaml");
}
}  // namespace

TEST_CASE("every parameter type reads its value or its default", "[params]") {
  const auto s = specs();
  const ConfigNode n =
      yaml("banks: 16\nclock: 800MHz\nsize: 2MiB\nfile: data/x.trace\nenabled: yes\n");
  ParamReader r(n, "system.x", s, {});
  CHECK(r.flag("enabled"));
  CHECK(r.uint("banks") == 16);
  CHECK(r.integer("offset") == -4);
  CHECK(r.real("scale") == 0.5);
  CHECK(r.text("label") == "x");
  CHECK(r.choice("policy") == "open");
  CHECK(r.time("latency") == 10'000);
  CHECK(r.clock("clock") == 1250);
  CHECK(r.bytes("size") == 2 * 1048576);
  CHECK(r.bandwidth("bandwidth") == 1'000'000'000);
  CHECK(r.has("file"));
  CHECK(r.path("file") == std::filesystem::absolute("data/x.trace").lexically_normal());
  r.checkAllRead();
  const ConfigNode resolved = r.resolved();
  CHECK(resolved.find("banks")->scalar == "16");
  CHECK(resolved.find("latency")->scalar == "10ns");
  CHECK(resolved.find("clock")->scalar == "800MHz");
}

TEST_CASE("a required key that is missing names the component, key, type and unit", "[params]") {
  const auto s = specs();
  const ConfigNode n = yaml("clock: 1GHz\n");
  ParamReader r(n, "system.x", s, {});
  try {
    r.uint("banks");
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(e.where().file == "t.yaml");
    CHECK(e.where().line == 1);
    CHECK_THAT(e.what(), Catch::Contains("system.x: missing required key 'banks' (uint, banks"));
  }
}

TEST_CASE("optional keys left out are absent, not defaulted", "[params]") {
  const auto s = specs();
  const ConfigNode n = yaml("banks: 1\n");
  ParamReader r(n, "system.x", s, {});
  CHECK_FALSE(r.has("file"));
  CHECK(r.resolved().find("file") == nullptr);
}

TEST_CASE("reserved keys are allowed, anything else is rejected at construction", "[params]") {
  const auto s = specs();
  const ConfigNode ok = yaml("banks: 1\ntype: t\nmem: m\n");
  CHECK_NOTHROW(ParamReader(ok, "system.x", s, {"type", "mem"}));
  const ConfigNode bad = yaml("banks: 1\nbank: 2\n");
  CHECK_THROWS_WITH(
      ParamReader(bad, "system.x", s, {}),
      Catch::Contains("t.yaml:2:1: system.x: unknown key 'bank' (did you mean 'banks'?)"));
  const ConfigNode far = yaml("zzzzzz: 2\n");
  CHECK_THROWS_WITH(ParamReader(far, "system.x", s, {}), !Catch::Contains("did you mean"));
}

TEST_CASE("programming errors are logic errors, not input errors", "[params]") {
  const auto s = specs();
  const ConfigNode n = yaml("banks: 1\n");
  ParamReader r(n, "system.x", s, {});
  CHECK_THROWS_AS(r.time("banks"), std::logic_error);
  CHECK_THROWS_AS(r.uint("undeclared"), std::logic_error);
  CHECK_THROWS_WITH(r.checkAllRead(), Catch::Contains("never read"));
}
