// Memory trace parsing: exact record counts with or without a final newline, every format,
// and malformed lines reported with file, line and column.
#include <catch2/catch.hpp>

#include "models/traffic/MemoryTrace.h"
#include "sim/config/InputError.h"

using namespace xpusim;

namespace {
std::vector<TraceRecord> parse(const std::string& text, TraceFormat f = TraceFormat::kAuto) {
  return MemoryTraceReader::parse(text, "t.trace", f, 64);
}
InputError parseError(const std::string& text, TraceFormat f = TraceFormat::kAuto) {
  try {
    parse(text, f);
  } catch (const InputError& e) {
    return e;
  }
  throw std::runtime_error("expected an InputError");
}
}  // namespace

TEST_CASE("DRAMsim3 format: N lines give N records, final newline or not", "[trace]") {
  const std::string body = "0x0 READ 0\n0x40 WRITE 3\n0x80 READ 7";
  for (const std::string& text : {body, body + "\n", body + "\n\n", body + "\r\n"}) {
    const auto r = parse(text);
    REQUIRE(r.size() == 3);
    CHECK(r[2].addr == 0x80);
    CHECK(r[2].cycle == 7);
    CHECK(r[2].op == MemOp::kRead);
    CHECK(r[1].op == MemOp::kWrite);
    CHECK(r[1].bytes == 64);
  }
  CHECK(parse("").empty());
  CHECK(parse("# comment only\n\n").empty());
  CHECK(parse("1f READ 0\n")[0].addr == 0x1f);  // DRAMsim3 addresses are hexadecimal
}

TEST_CASE("the reference traces parse to their documented sizes", "[trace]") {
  const std::string dir = XPUSIM_REFERENCE_DIR "/data/dram/";
  const auto stream =
      MemoryTraceReader::readFile(dir + "stream_rd_64k.dramsim3.trace", TraceFormat::kDramsim3, 64);
  REQUIRE(stream.size() == 65536);
  CHECK(stream[65535].addr == 65535u * 64);
  const auto conflict =
      MemoryTraceReader::readFile(dir + "conflict_rd_4k.dramsim3.trace", TraceFormat::kAuto, 64);
  REQUIRE(conflict.size() == 4096);
  CHECK(conflict[5].addr == 5u << 20);
}

TEST_CASE("Ramulator LD/ST and CSV formats", "[trace]") {
  const auto ram = parse("LD 4096\nST 0x40");
  REQUIRE(ram.size() == 2);
  CHECK(ram[0].addr == 4096);
  CHECK(ram[1].op == MemOp::kWrite);
  CHECK(ram[1].addr == 0x40);
  const auto csv = parse("cycle,op,addr,bytes\n5, W, 0x100, 32\n6,READ,256,8");
  REQUIRE(csv.size() == 2);
  CHECK(csv[0].cycle == 5);
  CHECK(csv[0].op == MemOp::kWrite);
  CHECK(csv[0].addr == 0x100);
  CHECK(csv[0].bytes == 32);
  CHECK(csv[1].bytes == 8);
}

TEST_CASE("malformed lines name file, line and column", "[trace]") {
  InputError e = parseError("0x0 READ 0\n0x40 RAED 1\n");
  CHECK(e.where().file == "t.trace");
  CHECK(e.where().line == 2);
  CHECK(e.where().column == 6);
  CHECK_THAT(e.what(), Catch::Contains("expected READ or WRITE, got 'RAED'"));

  e = parseError("0x0 READ 0\n\n0xZZ READ 1");
  CHECK(e.where().line == 3);
  CHECK_THAT(e.what(), Catch::Contains("expected a hexadecimal address, got '0xZZ'"));

  e = parseError("0x0 READ\n");
  CHECK(e.where().line == 1);
  CHECK_THAT(e.what(), Catch::Contains("expected 3 fields"));

  e = parseError("0x0 READ 5 extra\n");
  CHECK(e.where().column == 12);

  e = parseError("0x0 READ -5\n");
  CHECK_THAT(e.what(), Catch::Contains("expected a cycle number, got '-5'"));

  e = parseError("LD 12\nLD\n");
  CHECK(e.where().line == 2);

  e = parseError("cycle,op,address,bytes\n", TraceFormat::kCsv);
  CHECK(e.where().line == 1);
  CHECK_THAT(e.what(), Catch::Contains("expected the CSV header 'cycle,op,addr,bytes'"));

  e = parseError("cycle,op,addr,bytes\n0,X,0,4\n");
  CHECK(e.where().line == 2);
  CHECK(e.where().column == 3);
  CHECK_THAT(e.what(), Catch::Contains("expected R, W, READ or WRITE"));

  e = parseError("cycle,op,addr,bytes\n0,R,0,0\n");
  CHECK_THAT(e.what(), Catch::Contains("size must be"));

  e = parseError("", TraceFormat::kCsv);
  CHECK_THAT(e.what(), Catch::Contains("no header"));
}
