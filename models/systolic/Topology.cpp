#include "models/systolic/Topology.h"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "sim/config/InputError.h"

namespace xpusim::systolic {

namespace {

struct Field {
  std::string_view text;  ///< stripped
  int column = 0;         ///< 1-based column of the field's first character
};

std::string_view strip(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// Splits a row on ',' and drops the last field, as SCALE-Sim does.
std::vector<Field> splitRow(std::string_view row) {
  std::vector<Field> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = row.find(',', start);
    if (comma == std::string_view::npos) break;  // the last field is dropped
    std::string_view raw = row.substr(start, comma - start);
    std::size_t lead = 0;
    while (lead < raw.size() && std::isspace(static_cast<unsigned char>(raw[lead]))) ++lead;
    fields.push_back({strip(raw), static_cast<int>(start + lead + 1)});
    start = comma + 1;
  }
  return fields;
}

class RowParser {
 public:
  RowParser(const std::string& source, int line) : source_(source), line_(line) {}

  std::uint64_t positive(const Field& f, const char* what) const {
    std::uint64_t v = 0;
    bool ok = !f.text.empty();
    for (char c : f.text) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || v > (UINT64_MAX - 9) / 10) {
        ok = false;
        break;
      }
      v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (!ok || v == 0)
      throw InputError(at(f.column),
                       fmt::format("expected {} as a positive integer, got '{}'", what, f.text));
    return v;
  }
  SourceLocation at(int column) const { return SourceLocation{source_, line_, column}; }

 private:
  const std::string& source_;
  int line_;
};

bool isGemmHeader(std::string_view header) {
  const std::string row = std::string(header) + ",";  // the views below point into it
  const std::vector<Field> f = splitRow(row);
  auto is = [&](std::size_t i, char c) {
    return f.size() > i && f[i].text.size() == 1 &&
           std::toupper(static_cast<unsigned char>(f[i].text[0])) == c;
  };
  return is(1, 'M') && is(2, 'N') && is(3, 'K');
}

void conv(const std::vector<Field>& f, const RowParser& p, int line, std::vector<Layer>& out) {
  if (f.size() < 8 || f.size() > 9)
    throw InputError(p.at(1), fmt::format("expected 'name, ifmap_h, ifmap_w, filter_h, filter_w, "
                                          "channels, num_filters, stride_h[, stride_w],' with a "
                                          "trailing comma; found {} fields before the last comma",
                                          f.size()));
  Layer l;
  l.name = std::string(f[0].text);
  l.line = line;
  l.ifmapH = p.positive(f[1], "IFMAP height");
  l.ifmapW = p.positive(f[2], "IFMAP width");
  l.filterH = p.positive(f[3], "filter height");
  l.filterW = p.positive(f[4], "filter width");
  l.channels = p.positive(f[5], "channels");
  l.filters = p.positive(f[6], "number of filters");
  l.strideH = p.positive(f[7], "stride");
  l.strideW = f.size() == 9 ? p.positive(f[8], "stride width") : l.strideH;
  if (l.filterH > l.ifmapH)
    throw InputError(p.at(f[3].column), "filter height is larger than the IFMAP height");
  if (l.filterW > l.ifmapW)
    throw InputError(p.at(f[4].column), "filter width is larger than the IFMAP width");
  if (l.name.find("DP") == std::string::npos) {
    out.push_back(std::move(l));
    return;
  }
  const std::uint64_t channels = l.channels;  // depthwise: one layer per channel
  l.channels = 1;
  for (std::uint64_t c = 0; c < channels; ++c) {
    Layer copy = l;
    copy.name = fmt::format("{}Channel_{}", l.name, c);
    out.push_back(std::move(copy));
  }
}

void gemm(const std::vector<Field>& f, const RowParser& p, int line, std::vector<Layer>& out) {
  if (f.size() < 4)
    throw InputError(p.at(1), fmt::format("expected 'name, M, N, K,' with a trailing comma; found "
                                          "{} fields before the last comma",
                                          f.size()));
  Layer l;
  l.name = std::string(f[0].text);
  l.line = line;
  const std::uint64_t m = p.positive(f[1], "M"), n = p.positive(f[2], "N"),
                      k = p.positive(f[3], "K");
  // SCALE-Sim lowers a GEMM row to the convolution [M, K, 1, K, 1, N, 1, 1].
  l.ifmapH = m, l.ifmapW = k, l.filterH = 1, l.filterW = k, l.channels = 1, l.filters = n;
  out.push_back(std::move(l));
}

}  // namespace

std::vector<Layer> TopologyReader::parse(std::string_view text, const std::string& source,
                                         TopologyFormat format) {
  std::vector<Layer> layers;
  int line = 0;
  bool first = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view row = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (first) {
      first = false;
      if (format == TopologyFormat::kAuto)
        format = isGemmHeader(row) ? TopologyFormat::kGemm : TopologyFormat::kConv;
      continue;
    }
    if (strip(row).empty()) continue;
    const RowParser p(source, line);
    const std::vector<Field> fields = splitRow(row);
    if (format == TopologyFormat::kGemm)
      gemm(fields, p, line, layers);
    else
      conv(fields, p, line, layers);
  }
  if (layers.empty()) throw InputError(SourceLocation{source}, "the topology has no layers");
  return layers;
}

std::vector<Layer> TopologyReader::readFile(const std::filesystem::path& file,
                                            TopologyFormat format) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(SourceLocation{file.string()}, "cannot open topology file");
  std::stringstream s;
  s << in.rdbuf();
  return parse(s.str(), file.string(), format);
}

TopologyFormat TopologyReader::formatNamed(std::string_view name) {
  if (name == "conv") return TopologyFormat::kConv;
  if (name == "gemm") return TopologyFormat::kGemm;
  return TopologyFormat::kAuto;
}

}  // namespace xpusim::systolic
