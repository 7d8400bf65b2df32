#include "sim/stats/Stat.h"

#include <charconv>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

namespace xpusim {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};

/// One expanded field of a distribution.
struct DistributionField {
  const char* name;
  const char* label;
  bool countsSamples;  // Its unit is "count", not the distribution's unit.
  StatNumber (*get)(const Distribution&);
};

const DistributionField kDistributionFields[] = {
    {"count", "number of samples", true,
     [](const Distribution& d) -> StatNumber { return d.count(); }},
    {"mean", "mean", false, [](const Distribution& d) -> StatNumber { return d.mean(); }},
    {"min", "minimum", false, [](const Distribution& d) -> StatNumber { return d.min(); }},
    {"max", "maximum", false, [](const Distribution& d) -> StatNumber { return d.max(); }},
    {"p50", "50th percentile", false,
     [](const Distribution& d) -> StatNumber { return d.percentile(50); }},
    {"p90", "90th percentile", false,
     [](const Distribution& d) -> StatNumber { return d.percentile(90); }},
    {"p99", "99th percentile", false,
     [](const Distribution& d) -> StatNumber { return d.percentile(99); }},
    {"stddev", "standard deviation", false,
     [](const Distribution& d) -> StatNumber { return d.stddev(); }},
};

nlohmann::ordered_json toJson(const StatNumber& number) {
  if (const auto* i = std::get_if<std::uint64_t>(&number)) return *i;
  const double d = std::get<double>(number);
  if (!std::isfinite(d)) return nullptr;
  return d;
}

std::string label(const std::string& description, const char* what) {
  return description.empty() ? std::string(what) : description + ": " + what;
}

std::uint64_t total(const std::vector<std::uint64_t>& values) {
  return std::accumulate(values.begin(), values.end(), std::uint64_t{0});
}

}  // namespace

std::string formatStatNumber(const StatNumber& number) {
  return std::visit([](auto v) { return fmt::format("{}", v); }, number);
}

Stat::Stat(std::string path, Source source, std::string unit, std::string description)
    : path_(std::move(path)),
      source_(std::move(source)),
      unit_(std::move(unit)),
      description_(std::move(description)) {}

void Stat::flatten(std::vector<FlatStat>& out) const {
  std::visit(
      Overloaded{
          [&](const std::uint64_t* v) {
            out.push_back({path_, *v, unit_, description_});
          },
          [&](const double* v) {
            out.push_back({path_, *v, unit_, description_});
          },
          [&](const std::function<double()>& f) {
            out.push_back({path_, f(), unit_, description_});
          },
          [&](const Distribution* d) {
            for (const DistributionField& field : kDistributionFields) {
              out.push_back({path_ + "." + field.name, field.get(*d),
                             field.countsSamples ? std::string("count") : unit_,
                             label(description_, field.label)});
            }
          },
          [&](const std::vector<std::uint64_t>* values) {
            for (std::size_t i = 0; i < values->size(); ++i) {
              out.push_back({fmt::format("{}::{}", path_, i), (*values)[i], unit_, description_});
            }
            out.push_back({path_ + "::total", total(*values), unit_, label(description_, "total")});
          },
      },
      source_);
}

nlohmann::ordered_json Stat::json() const {
  return std::visit(Overloaded{
                        [](const std::uint64_t* v) -> nlohmann::ordered_json { return *v; },
                        [](const double* v) { return toJson(*v); },
                        [](const std::function<double()>& f) { return toJson(f()); },
                        [](const Distribution* d) {
                          nlohmann::ordered_json object = nlohmann::ordered_json::object();
                          for (const DistributionField& field : kDistributionFields) {
                            object[field.name] = toJson(field.get(*d));
                          }
                          return object;
                        },
                        [](const std::vector<std::uint64_t>* values) -> nlohmann::ordered_json {
                          return *values;
                        },
                    },
                    source_);
}

std::optional<StatNumber> Stat::field(std::string_view suffix) const {
  return std::visit(
      Overloaded{
          [&](const std::uint64_t* v) -> std::optional<StatNumber> {
            if (suffix.empty()) return *v;
            return std::nullopt;
          },
          [&](const double* v) -> std::optional<StatNumber> {
            if (suffix.empty()) return *v;
            return std::nullopt;
          },
          [&](const std::function<double()>& f) -> std::optional<StatNumber> {
            if (suffix.empty()) return f();
            return std::nullopt;
          },
          [&](const Distribution* d) -> std::optional<StatNumber> {
            for (const DistributionField& field : kDistributionFields) {
              if (suffix.size() > 1 && suffix[0] == '.' && suffix.substr(1) == field.name) {
                return field.get(*d);
              }
            }
            return std::nullopt;
          },
          [&](const std::vector<std::uint64_t>* values) -> std::optional<StatNumber> {
            if (!suffix.starts_with("::")) return std::nullopt;
            const std::string_view index = suffix.substr(2);
            if (index == "total") return total(*values);
            std::size_t i = 0;
            const auto [end, error] = std::from_chars(index.data(), index.data() + index.size(), i);
            if (index.empty() || error != std::errc() || end != index.data() + index.size() ||
                i >= values->size()) {
              return std::nullopt;
            }
            return (*values)[i];
          },
      },
      source_);
}

}  // namespace xpusim
