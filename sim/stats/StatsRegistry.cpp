#include "sim/stats/StatsRegistry.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace xpusim {
namespace {

constexpr const char* kTextBegin = "---------- Begin Simulation Statistics ----------";
constexpr const char* kTextEnd = "---------- End Simulation Statistics   ----------";

bool forbiddenInPath(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '"' || c == '#' ||
         c == ':';
}

std::string comment(const FlatStat& stat) {
  if (stat.unit.empty()) return stat.description;
  if (stat.description.empty()) return "(" + stat.unit + ")";
  return stat.description + " (" + stat.unit + ")";
}

}  // namespace

void StatsRegistry::addCounter(const std::string& path, const std::uint64_t& value,
                               std::string unit, std::string description) {
  add(path, &value, std::move(unit), std::move(description));
}

void StatsRegistry::addScalar(const std::string& path, const double& value, std::string unit,
                              std::string description) {
  add(path, &value, std::move(unit), std::move(description));
}

void StatsRegistry::addDistribution(const std::string& path, const Distribution& distribution,
                                    std::string unit, std::string description) {
  add(path, &distribution, std::move(unit), std::move(description));
}

void StatsRegistry::addVector(const std::string& path, const std::vector<std::uint64_t>& values,
                              std::string unit, std::string description) {
  add(path, &values, std::move(unit), std::move(description));
}

void StatsRegistry::addFormula(const std::string& path, std::function<double()> formula,
                               std::string unit, std::string description) {
  if (!formula) throw std::logic_error("stat '" + path + "': empty formula");
  add(path, std::move(formula), std::move(unit), std::move(description));
}

void StatsRegistry::add(const std::string& path, Stat::Source source, std::string unit,
                        std::string description) {
  checkPath(path);
  index_.emplace(path, stats_.size());
  stats_.emplace_back(path, std::move(source), std::move(unit), std::move(description));
}

void StatsRegistry::checkPath(const std::string& path) const {
  const bool emptySegment = path.empty() || path.front() == '.' || path.back() == '.' ||
                            path.find("..") != std::string::npos;
  if (emptySegment || std::any_of(path.begin(), path.end(), forbiddenInPath)) {
    throw std::logic_error("invalid stat path '" + path + "'");
  }
  if (index_.contains(path)) throw std::logic_error("stat '" + path + "' registered twice");
  for (std::size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1)) {
    const std::string_view parent(path.data(), dot);
    if (index_.find(parent) != index_.end()) {
      throw std::logic_error("stat '" + path + "' is below stat '" + std::string(parent) + "'");
    }
  }
  const std::string below = path + ".";
  const auto next = index_.lower_bound(below);
  if (next != index_.end() && next->first.starts_with(below)) {
    throw std::logic_error("stat '" + path + "' is a prefix of stat '" + next->first + "'");
  }
}

const Stat* StatsRegistry::find(const std::string& name, std::string_view& suffix) const {
  suffix = {};
  if (auto it = index_.find(name); it != index_.end()) return &stats_[it->second];
  for (const std::size_t cut : {name.rfind("::"), name.rfind('.')}) {
    if (cut == std::string::npos) continue;
    if (auto it = index_.find(std::string_view(name).substr(0, cut)); it != index_.end()) {
      suffix = std::string_view(name).substr(cut);
      return &stats_[it->second];
    }
  }
  return nullptr;
}

bool StatsRegistry::has(const std::string& name) const {
  std::string_view suffix;
  const Stat* stat = find(name, suffix);
  return stat != nullptr && stat->field(suffix).has_value();
}

double StatsRegistry::value(const std::string& name) const {
  std::string_view suffix;
  const Stat* stat = find(name, suffix);
  const std::optional<StatNumber> number = stat ? stat->field(suffix) : std::nullopt;
  if (!number) throw std::out_of_range("no stat named '" + name + "'");
  return std::visit([](auto v) { return static_cast<double>(v); }, *number);
}

std::vector<FlatStat> StatsRegistry::flatten() const {
  std::vector<FlatStat> flat;
  flat.reserve(stats_.size());
  for (const Stat& stat : stats_) stat.flatten(flat);
  return flat;
}

void StatsRegistry::writeJson(std::ostream& out) const {
  nlohmann::ordered_json root = nlohmann::ordered_json::object();
  for (const Stat& stat : stats_) {
    nlohmann::ordered_json* node = &root;
    const std::string& path = stat.path();
    std::size_t begin = 0;
    for (std::size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', begin)) {
      node = &(*node)[path.substr(begin, dot - begin)];
      begin = dot + 1;
    }
    (*node)[path.substr(begin)] = stat.json();
  }
  out << root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void StatsRegistry::writeText(std::ostream& out) const {
  const std::vector<FlatStat> flat = flatten();
  std::vector<std::string> values;
  values.reserve(flat.size());
  std::size_t nameWidth = 0;
  std::size_t valueWidth = 0;
  for (const FlatStat& stat : flat) {
    values.push_back(formatStatNumber(stat.value));
    nameWidth = std::max(nameWidth, stat.name.size());
    valueWidth = std::max(valueWidth, values.back().size());
  }
  out << kTextBegin << '\n';
  for (std::size_t i = 0; i < flat.size(); ++i) {
    const std::string note = comment(flat[i]);
    if (note.empty()) {
      out << fmt::format("{:<{}}  {}\n", flat[i].name, nameWidth, values[i]);
    } else {
      out << fmt::format("{:<{}}  {:<{}}  # {}\n", flat[i].name, nameWidth, values[i], valueWidth,
                         note);
    }
  }
  out << kTextEnd << '\n';
}

void StatsRegistry::writeCsv(std::ostream& out) const {
  writeCsvHeader(out);
  writeCsvRow(out);
}

void StatsRegistry::writeCsvHeader(std::ostream& out) const {
  std::string line;
  bool first = true;
  for (const FlatStat& stat : flatten()) {
    if (!first) line += ',';
    line += stat.name;
    first = false;
  }
  out << line << '\n';
}

void StatsRegistry::writeCsvRow(std::ostream& out) const {
  std::string line;
  bool first = true;
  for (const FlatStat& stat : flatten()) {
    if (!first) line += ',';
    line += formatStatNumber(stat.value);
    first = false;
  }
  out << line << '\n';
}

}  // namespace xpusim
