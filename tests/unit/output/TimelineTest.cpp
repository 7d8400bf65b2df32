#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/trace/Timeline.h"

namespace fs = std::filesystem;
using xpusim::Timeline;

namespace {

/// A trace path in a fresh directory removed at the end of the test.
struct ScratchTrace {
  fs::path dir;
  fs::path file;
  explicit ScratchTrace(const std::string& name)
      : dir(fs::temp_directory_path() /
            ("xpusim_timeline_" + name + "_" + std::to_string(::getpid()))),
        file(dir / "trace.json") {
    fs::remove_all(dir);
  }
  ~ScratchTrace() { fs::remove_all(dir); }
  std::string text() const {
    std::ifstream in(file);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }
};

/// The events of phase `ph`.
nlohmann::json eventsOf(const nlohmann::json& trace, const std::string& ph) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : trace["traceEvents"]) {
    if (e["ph"] == ph) out.push_back(e);
  }
  return out;
}

}  // namespace

TEST_CASE("Picoseconds convert exactly to decimal microseconds", "[timeline]") {
  CHECK(Timeline::micros(0) == "0");
  CHECK(Timeline::micros(1) == "0.000001");
  CHECK(Timeline::micros(10) == "0.00001");
  CHECK(Timeline::micros(1234567) == "1.234567");
  CHECK(Timeline::micros(1500000) == "1.5");
  CHECK(Timeline::micros(2000000) == "2");
  CHECK(Timeline::micros(18446744073709551615ull) == "18446744073709.551615");
}

TEST_CASE("Timeline writes labelled lanes, slices, counters and instants", "[timeline]") {
  ScratchTrace t("full");
  {
    Timeline timeline(t.file);
    const auto bank0 = timeline.lane("dram", "bank0");
    const auto port = timeline.lane("sram", "port");
    const auto bank1 = timeline.lane("dram", "bank1");
    CHECK(timeline.lane("dram", "bank0") == bank0);
    timeline.slice(bank0, "ACT", 1234567, 2000000, {{"row", 17}});
    timeline.slice(bank0, "RD", 2000000, 2000000);
    timeline.slice(bank1, "RD", 1000, 3000);
    timeline.slice(port, "read", 500, 1500);
    timeline.counter("sram", "occupancy", 2500, 0.75);
    timeline.instant(bank1, "refresh", 7000000);
    CHECK_FALSE(fs::exists(t.file));
    timeline.finish();
    CHECK(timeline.written() == 6);
  }
  const std::string text = t.text();
  CHECK_THAT(text, Catch::Contains(R"("ts":1.234567,"dur":0.765433)"));
  const auto trace = nlohmann::json::parse(text);
  CHECK(trace["displayTimeUnit"] == "ns");
  CHECK(trace["otherData"]["dropped_events"] == 0);

  const auto meta = eventsOf(trace, "M");
  REQUIRE(meta.size() == 10);  // 2 processes x 2 + 3 threads x 2
  CHECK(meta[0]["name"] == "process_name");
  CHECK(meta[0]["args"]["name"] == "dram");
  CHECK(meta[0]["pid"] == 1);
  CHECK(meta[2]["name"] == "thread_name");
  CHECK(meta[2]["args"]["name"] == "bank0");
  CHECK(meta[4]["args"]["name"] == "sram");
  CHECK(meta[5]["args"]["sort_index"] == 2);

  const auto slices = eventsOf(trace, "X");
  REQUIRE(slices.size() == 4);
  CHECK(slices[0]["name"] == "ACT");
  CHECK(slices[0]["ts"].get<double>() == 1.234567);
  CHECK(slices[0]["dur"].get<double>() == 0.765433);
  CHECK(slices[0]["args"]["row"] == 17);
  CHECK(slices[0]["pid"] == 1);
  CHECK(slices[0]["tid"] == 1);
  CHECK(slices[1]["dur"] == 0);
  CHECK(slices[2]["tid"] == 3);
  CHECK(slices[3]["pid"] == 2);
  CHECK(slices[3]["ts"].get<double>() == 0.0005);

  const auto counters = eventsOf(trace, "C");
  REQUIRE(counters.size() == 1);
  CHECK(counters[0]["pid"] == 2);
  CHECK(counters[0]["args"]["value"] == 0.75);
  const auto instants = eventsOf(trace, "i");
  REQUIRE(instants.size() == 1);
  CHECK(instants[0]["ts"] == 7);
  CHECK(fs::directory_iterator(t.dir) != fs::directory_iterator());
  CHECK(std::distance(fs::directory_iterator(t.dir), {}) == 1);
}

TEST_CASE("Overlapping or reversed slices on one lane throw", "[timeline]") {
  ScratchTrace t("overlap");
  Timeline timeline(t.file);
  const auto a = timeline.lane("pe", "row0");
  const auto b = timeline.lane("pe", "row1");
  timeline.slice(a, "mac", 100, 200);
  CHECK_THROWS_AS(timeline.slice(a, "mac", 150, 300), std::logic_error);
  CHECK_THROWS_AS(timeline.slice(a, "mac", 50, 60), std::logic_error);
  CHECK_THROWS_AS(timeline.slice(a, "mac", 400, 300), std::logic_error);
  CHECK_THROWS_AS(timeline.slice(a, "mac", 300, 400, nlohmann::json::array()), std::logic_error);
  CHECK_NOTHROW(timeline.slice(b, "mac", 150, 300));
  CHECK_NOTHROW(timeline.slice(a, "mac", 200, 300));
  CHECK_THROWS_AS(timeline.counter("pe", "util", 0, std::nan("")), std::logic_error);
  timeline.finish();
  CHECK_THROWS_AS(timeline.slice(a, "late", 500, 600), std::logic_error);
  CHECK(eventsOf(nlohmann::json::parse(t.text()), "X").size() == 3);
}

TEST_CASE("Events beyond the cap are counted and dropped", "[timeline]") {
  ScratchTrace t("cap");
  {
    Timeline timeline(t.file, 3);
    const auto lane = timeline.lane("dma", "ch0");
    for (xpusim::Tick i = 0; i < 5; ++i) timeline.slice(lane, "copy", i * 1000, i * 1000 + 500);
    timeline.counter("dma", "queue", 9000, 2);
    CHECK(timeline.written() == 3);
    CHECK(timeline.dropped() == 3);
  }  // The destructor finishes the file.
  const auto trace = nlohmann::json::parse(t.text());
  CHECK(eventsOf(trace, "X").size() == 3);
  CHECK(eventsOf(trace, "C").empty());
  const auto notes = eventsOf(trace, "i");
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]["s"] == "g");
  CHECK(notes[0]["args"]["dropped_events"] == 3);
  CHECK(notes[0]["ts"] == 0.009);
  CHECK(trace["otherData"]["written_events"] == 3);
  CHECK(trace["otherData"]["dropped_events"] == 3);
  CHECK(trace["otherData"]["max_events"] == 3);
}

TEST_CASE("Names are JSON-escaped", "[timeline]") {
  ScratchTrace t("escape");
  {
    Timeline timeline(t.file);
    timeline.instant(timeline.lane("a\"b", "tab\there"), "back\\slash\n", 1);
  }
  const auto trace = nlohmann::json::parse(t.text());
  CHECK(eventsOf(trace, "i")[0]["name"] == "back\\slash\n");
  CHECK(eventsOf(trace, "M")[0]["args"]["name"] == "a\"b");
  CHECK(eventsOf(trace, "M")[2]["args"]["name"] == "tab\there");
}
