#include "models/traffic/MemoryTrace.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/config/InputError.h"

namespace xpusim {

namespace {

/// Splits one line into fields at whitespace (or at commas for CSV), remembering columns.
struct Field {
  std::string_view text;
  int column;
};

std::vector<Field> split(std::string_view line, bool csv) {
  std::vector<Field> fields;
  std::size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  if (csv) {
    for (std::size_t start = 0;;) {
      const std::size_t comma = line.find(',', start);
      std::string_view f = line.substr(start, comma - start);
      std::size_t lead = 0;
      while (lead < f.size() && space(f[lead])) ++lead;
      f.remove_prefix(lead);
      while (!f.empty() && space(f.back())) f.remove_suffix(1);
      fields.push_back({f, static_cast<int>(start + lead) + 1});
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return fields;
  }
  while (i < line.size()) {
    while (i < line.size() && space(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !space(line[i])) ++i;
    if (i > start) fields.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
  }
  return fields;
}

class LineParser {
 public:
  LineParser(const std::string& source, int line) : source_(source), line_(line) {}

  [[noreturn]] void fail(int column, const std::string& message) const {
    throw InputError(SourceLocation{source_, line_, column}, message);
  }
  std::uint64_t number(const Field& f, bool hexDefault, const char* what) const {
    std::string_view t = f.text;
    int base = hexDefault ? 16 : 10;
    if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
      t.remove_prefix(2);
      base = 16;
    }
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v, base);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size())
      fail(f.column, fmt::format("expected {}, got '{}'", what, f.text));
    return v;
  }
  MemOp op(const Field& f, std::string_view read, std::string_view write) const {
    if (f.text == read) return MemOp::kRead;
    if (f.text == write) return MemOp::kWrite;
    fail(f.column, fmt::format("expected {} or {}, got '{}'", read, write, f.text));
  }
  void count(const std::vector<Field>& fields, std::size_t n, const char* layout) const {
    if (fields.size() != n)
      fail(fields.size() > n ? fields[n].column : 1,
           fmt::format("expected {} fields '{}', got {}", n, layout, fields.size()));
  }

 private:
  const std::string& source_;
  int line_;
};

TraceFormat detect(std::string_view line) {
  const auto fields = split(line, false);
  if (line.find(',') != std::string_view::npos) return TraceFormat::kCsv;
  if (!fields.empty() && (fields[0].text == "LD" || fields[0].text == "ST"))
    return TraceFormat::kRamulator;
  return TraceFormat::kDramsim3;
}

}  // namespace

TraceFormat MemoryTraceReader::formatNamed(std::string_view name) {
  if (name == "auto") return TraceFormat::kAuto;
  if (name == "dramsim3") return TraceFormat::kDramsim3;
  if (name == "ramulator") return TraceFormat::kRamulator;
  if (name == "csv") return TraceFormat::kCsv;
  throw std::invalid_argument(fmt::format("unknown trace format '{}'", name));
}

std::vector<TraceRecord> MemoryTraceReader::parse(std::string_view text, const std::string& source,
                                                  TraceFormat format, std::uint32_t defaultBytes) {
  std::vector<TraceRecord> records;
  bool needHeader = format == TraceFormat::kCsv;
  int lineNo = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    if (format == TraceFormat::kAuto) {
      format = detect(line);
      needHeader = format == TraceFormat::kCsv;
    }
    LineParser p(source, lineNo);
    const auto fields = split(line, format == TraceFormat::kCsv);
    if (needHeader) {
      const char* expected = "cycle,op,addr,bytes";
      std::string got;
      for (const auto& f : fields) got += (got.empty() ? "" : ",") + std::string(f.text);
      if (got != expected)
        p.fail(1, fmt::format("expected the CSV header '{}', got '{}'", expected, got));
      needHeader = false;
      continue;
    }
    TraceRecord r;
    r.bytes = defaultBytes;
    switch (format) {
      case TraceFormat::kDramsim3:
        p.count(fields, 3, "<hexaddr> READ|WRITE <cycle>");
        r.addr = p.number(fields[0], true, "a hexadecimal address");
        r.op = p.op(fields[1], "READ", "WRITE");
        r.cycle = p.number(fields[2], false, "a cycle number");
        break;
      case TraceFormat::kRamulator:
        p.count(fields, 2, "LD|ST <addr>");
        r.op = p.op(fields[0], "LD", "ST");
        r.addr = p.number(fields[1], false, "an address (decimal or 0x hexadecimal)");
        break;
      case TraceFormat::kCsv: {
        p.count(fields, 4, "cycle,op,addr,bytes");
        r.cycle = p.number(fields[0], false, "a cycle number");
        const std::string_view op = fields[1].text;
        if (op == "R" || op == "READ")
          r.op = MemOp::kRead;
        else if (op == "W" || op == "WRITE")
          r.op = MemOp::kWrite;
        else
          p.fail(fields[1].column, fmt::format("expected R, W, READ or WRITE, got '{}'", op));
        r.addr = p.number(fields[2], false, "an address (decimal or 0x hexadecimal)");
        const std::uint64_t bytes = p.number(fields[3], false, "a size in bytes");
        if (bytes == 0 || bytes > UINT32_MAX)
          p.fail(fields[3].column, "size must be 1..2^32-1 bytes");
        r.bytes = static_cast<std::uint32_t>(bytes);
        break;
      }
      case TraceFormat::kAuto:
        break;
    }
    records.push_back(r);
  }
  if (needHeader) throw InputError(SourceLocation{source}, "empty CSV trace: no header line");
  return records;
}

std::vector<TraceRecord> MemoryTraceReader::readFile(const std::filesystem::path& file,
                                                     TraceFormat format,
                                                     std::uint32_t defaultBytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(SourceLocation{file.string()}, "cannot open trace file");
  std::stringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string(), format, defaultBytes);
}

}  // namespace xpusim
