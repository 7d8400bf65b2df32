// Unit parsing: every accepted suffix gives the exact value; every malformed or wrong-unit
// text is rejected with a message that says what was expected.
#include <catch2/catch.hpp>

#include "sim/config/Units.h"

using namespace xpusim;
using namespace xpusim::units;

TEST_CASE("durations parse exactly to picoseconds", "[units]") {
  CHECK(parseTime("250ps") == 250);
  CHECK(parseTime("1.5ns") == 1500);
  CHECK(parseTime("30us") == 30'000'000);
  CHECK(parseTime("2ms") == 2'000'000'000);
  CHECK(parseTime("1s") == 1'000'000'000'000);
  CHECK(parseTime("0.000001s") == 1'000'000);
  CHECK(parseTime(" 7 ns ") == 7000);
  CHECK(parseTime("1e3ns") == 1'000'000);
  CHECK(parseTime("0.625ns") == 625);
}

TEST_CASE("durations that are not whole picoseconds or lack a unit are rejected", "[units]") {
  CHECK_THROWS_WITH(parseTime("0.5ps"), Catch::Contains("not a whole number of picoseconds"));
  CHECK_THROWS_WITH(parseTime("30"), Catch::Contains("with a unit"));
  CHECK_THROWS_WITH(parseTime("30 furlongs"), Catch::Contains("unknown unit 'furlongs'"));
  CHECK_THROWS_WITH(parseTime("30GHz"), Catch::Contains("unknown unit 'GHz'"));
  CHECK_THROWS_WITH(parseTime("ns"), Catch::Contains("expected a duration"));
  CHECK_THROWS_WITH(parseTime("-3ns"), Catch::Contains("expected a duration"));
  CHECK_THROWS_WITH(parseTime(""), Catch::Contains("expected a duration"));
  CHECK_THROWS_WITH(parseTime("99999999999s"), Catch::Contains("too large"));
}

TEST_CASE("frequencies and clock periods", "[units]") {
  CHECK(parseFrequency("1GHz") == 1'000'000'000);
  CHECK(parseFrequency("800MHz") == 800'000'000);
  CHECK(parseFrequency("1.6GHz") == 1'600'000'000);
  CHECK(parseFrequency("100kHz") == 100'000);
  CHECK(parseFrequency("50Hz") == 50);
  CHECK(parseFrequency("1THz") == 1'000'000'000'000);
  CHECK(parseClockPeriod("1GHz") == 1000);
  CHECK(parseClockPeriod("800MHz") == 1250);
  CHECK(parseClockPeriod("1.6GHz") == 625);
  CHECK(parseClockPeriod("1ns") == 1000);
  CHECK(parseClockPeriod("0.625ns") == 625);
  CHECK_THROWS_WITH(parseClockPeriod("3GHz"), Catch::Contains("not a whole picosecond"));
  CHECK_THROWS_WITH(parseClockPeriod("0GHz"), Catch::Contains("must be positive"));
  CHECK_THROWS_WITH(parseClockPeriod("0ns"), Catch::Contains("must be positive"));
  CHECK_THROWS_WITH(parseClockPeriod("1000"), Catch::Contains("with a unit"));
  CHECK_THROWS_WITH(parseFrequency("1GB"), Catch::Contains("unknown unit 'GB'"));
  CHECK_THROWS_WITH(parseFrequency("0.5Hz"), Catch::Contains("not a whole number of hertz"));
}

TEST_CASE("sizes: SI and IEC prefixes, plain bytes", "[units]") {
  CHECK(parseBytes("512B") == 512);
  CHECK(parseBytes("4096") == 4096);
  CHECK(parseBytes("64KiB") == 65536);
  CHECK(parseBytes("2MB") == 2'000'000);
  CHECK(parseBytes("2MiB") == 2 * 1048576);
  CHECK(parseBytes("1GiB") == 1073741824);
  CHECK(parseBytes("1GB") == 1'000'000'000);
  CHECK(parseBytes("1TiB") == 1099511627776ULL);
  CHECK(parseBytes("1TB") == 1'000'000'000'000ULL);
  CHECK(parseBytes("3kB") == 3000);
  CHECK(parseBytes("3KB") == 3000);
  CHECK(parseBytes("1.5KiB") == 1536);
  CHECK_THROWS_WITH(parseBytes("1.3B"), Catch::Contains("not a whole number of bytes"));
  CHECK_THROWS_WITH(parseBytes("64Kib"), Catch::Contains("unknown unit 'Kib'"));
  CHECK_THROWS_WITH(parseBytes("64 KB/s"), Catch::Contains("unknown unit 'KB/s'"));
  CHECK_THROWS_WITH(parseBytes("big"), Catch::Contains("expected a size"));
}

TEST_CASE("bandwidths", "[units]") {
  CHECK(parseBandwidth("16GB/s") == 16'000'000'000ULL);
  CHECK(parseBandwidth("25.6GB/s") == 25'600'000'000ULL);
  CHECK(parseBandwidth("1GiB/s") == 1073741824ULL);
  CHECK(parseBandwidth("800MB/s") == 800'000'000ULL);
  CHECK(parseBandwidth("5 B/s") == 5);
  CHECK_THROWS_WITH(parseBandwidth("16GB"), Catch::Contains("ending in '/s'"));
  CHECK_THROWS_WITH(parseBandwidth("16"), Catch::Contains("ending in '/s'"));
  CHECK_THROWS_WITH(parseBandwidth("16Gb/s"), Catch::Contains("unknown unit 'Gb'"));
  CHECK_THROWS_WITH(parseBandwidth("16/s"), Catch::Contains("with a unit"));
}

TEST_CASE("plain numbers and booleans", "[units]") {
  CHECK(parseUnsigned("1024") == 1024);
  CHECK(parseUnsigned(" 7 ") == 7);
  CHECK_THROWS_WITH(parseUnsigned("-1"), Catch::Contains("non-negative integer"));
  CHECK_THROWS_WITH(parseUnsigned("1.5"), Catch::Contains("non-negative integer"));
  CHECK_THROWS_WITH(parseUnsigned("8 banks"), Catch::Contains("non-negative integer"));
  CHECK_THROWS_WITH(parseUnsigned("99999999999999999999"), Catch::Contains("non-negative"));
  CHECK(parseSigned("-12") == -12);
  CHECK(parseSigned("+12") == 12);
  CHECK_THROWS(parseSigned("12x"));
  CHECK(parseReal("0.5") == 0.5);
  CHECK(parseReal("1e-3") == 1e-3);
  CHECK_THROWS_WITH(parseReal("half"), Catch::Contains("expected a number"));
  CHECK(parseBool("true"));
  CHECK(parseBool("Yes"));
  CHECK(parseBool("ON"));
  CHECK_FALSE(parseBool("false"));
  CHECK_FALSE(parseBool("no"));
  CHECK_FALSE(parseBool("off"));
  CHECK_THROWS_WITH(parseBool("1"), Catch::Contains("true or false"));
}

TEST_CASE("formatting picks the largest exact unit", "[units]") {
  CHECK(formatTime(1500) == "1.5ns");
  CHECK(formatTime(4'099'000) == "4.099us");
  CHECK(formatTime(625) == "625ps");
  CHECK(formatTime(2'000'000'000'000) == "2s");
  CHECK(formatTime(0) == "0ps");
  CHECK(formatFrequency(1'250'000'000) == "1.25GHz");
  CHECK(formatBytes(65536) == "64KiB");
  CHECK(formatBytes(3 << 20) == "3MiB");
  CHECK(formatBytes(1000) == "1000B");
}
