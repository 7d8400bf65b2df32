#include "models/flash/ssd/SsdTrace.h"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "sim/config/InputError.h"

namespace xpusim::flash {

namespace {

Tick unitTicks(const std::string& unit) {
  return unit == "ns" ? kNanosecond : unit == "us" ? kMicrosecond : kMillisecond;
}

struct Field {
  std::string_view text;
  int column = 0;
};

std::uint64_t integerField(const Field& f, const std::string& source, int line, const char* what) {
  std::uint64_t v = 0;
  for (char c : f.text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || v > (~std::uint64_t{0} - 9) / 10)
      throw InputError(
          {source, line, f.column},
          fmt::format("expected {} as a non-negative integer, got '{}'", what, f.text));
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

Tick timeField(const Field& f, const std::string& source, int line, const std::string& unit) {
  std::size_t digits = 0;
  while (digits < f.text.size() && std::isdigit(static_cast<unsigned char>(f.text[digits])))
    ++digits;
  const std::string_view rest = f.text.substr(digits);
  if (digits == 0 || (!rest.empty() && rest != unit)) {
    throw InputError(
        {source, line, f.column},
        fmt::format("arrival time '{}' is not an integer count of {} (this trace's time unit; "
                    "MQSim traces use ns): write integer {} or set trace_time_unit to match",
                    f.text, unit, unit));
  }
  const std::uint64_t v = integerField({f.text.substr(0, digits), f.column}, source, line, "time");
  const Tick scale = unitTicks(unit);
  if (v > kMaxTick / scale)
    throw InputError({source, line, f.column},
                     fmt::format("arrival time {} {} overflows", v, unit));
  return v * scale;
}

}  // namespace

std::vector<SsdRequest> SsdTraceReader::readFile(const std::filesystem::path& file,
                                                 const std::string& timeUnit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError({file.string()}, "cannot open SSD trace");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string(), timeUnit);
}

std::vector<SsdRequest> SsdTraceReader::parse(std::string_view text, const std::string& source,
                                              const std::string& timeUnit) {
  std::vector<SsdRequest> out;
  int line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view row = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    std::vector<Field> fields;
    for (std::size_t i = 0; i < row.size();) {
      if (std::isspace(static_cast<unsigned char>(row[i]))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < row.size() && !std::isspace(static_cast<unsigned char>(row[j]))) ++j;
      fields.push_back({row.substr(i, j - i), static_cast<int>(i + 1)});
      i = j;
    }
    if (fields.empty() || fields[0].text[0] == '#') continue;
    if (fields.size() != 5)
      throw InputError({source, line, fields.size() > 5 ? fields[5].column : 1},
                       fmt::format("expected 5 fields 'time device lba sectors type' (MQSim "
                                   "ASCII trace), found {}",
                                   fields.size()));
    SsdRequest r;
    r.arrival = timeField(fields[0], source, line, timeUnit);
    r.device = integerField(fields[1], source, line, "a device number");
    r.lba = integerField(fields[2], source, line, "a start sector (LBA)");
    r.sectors = integerField(fields[3], source, line, "a size in 512 B sectors");
    if (r.sectors == 0)
      throw InputError({source, line, fields[3].column}, "request size must be > 0");
    const std::uint64_t type =
        integerField(fields[4], source, line, "a type (0 write, 1 read, 2 AND, 3 OR)");
    if (type > 3)
      throw InputError({source, line, fields[4].column},
                       fmt::format("expected type 0 (write), 1 (read), 2 (bitwise AND) or 3 "
                                   "(bitwise OR), got {}",
                                   type));
    r.kind = static_cast<SsdKind>(type);
    r.line = line;
    if (!out.empty() && r.arrival < out.back().arrival)
      throw InputError({source, line, fields[0].column},
                       "arrival times must not decrease (check the trace's time unit)");
    out.push_back(r);
  }
  return out;
}

}  // namespace xpusim::flash
