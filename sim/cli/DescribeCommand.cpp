#include <fmt/format.h>

#include <algorithm>

#include "sim/cli/Commands.h"
#include "sim/config/Suggest.h"
#include "sim/core/ComponentInfo.h"

namespace xpusim::cli {

namespace {

std::string defaultOf(const ParamSpec& p) {
  if (p.optional) return "(optional)";
  if (p.required) return "(required)";
  return p.defaultText;
}

std::string unitOf(const ParamSpec& p) {
  if (p.type == ParamType::kChoice) {
    std::string s;
    for (const auto& c : p.choices) s += (s.empty() ? "" : "|") + c;
    return s;
  }
  return p.unit;
}

void describeType(const ComponentInfo& info, std::ostream& out) {
  out << fmt::format("{}: {}\n", info.type, info.summary);
  if (info.container) out << "  holds child components under 'components:'\n";
  if (!info.params.empty()) {
    std::size_t name = 4, type = 4, unit = 4, def = 7;
    for (const auto& p : info.params) {
      name = std::max(name, p.name.size());
      type = std::max(type, std::string(paramTypeName(p.type)).size());
      unit = std::max(unit, unitOf(p).size());
      def = std::max(def, defaultOf(p).size());
    }
    out << "\nparameters:\n";
    out << fmt::format("  {:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", "name", name, "type", type, "unit",
                       unit, "default", def, "description");
    for (const auto& p : info.params)
      out << fmt::format("  {:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", p.name, name,
                         paramTypeName(p.type), type, unitOf(p), unit, defaultOf(p), def,
                         p.description);
  }
  if (!info.ports.empty()) {
    out << "\nports:\n";
    for (const auto& p : info.ports)
      out << fmt::format("  {:<12}  {:<16}  {}\n", p.name,
                         p.kind == PortKind::kMemoryTarget ? "memory target" : "memory initiator",
                         p.description);
  }
  if (!info.stats.empty()) {
    std::size_t name = 4, unit = 4;
    for (const auto& s : info.stats) {
      name = std::max(name, s.name.size());
      unit = std::max(unit, s.unit.size());
    }
    out << "\nstatistics:\n";
    for (const auto& s : info.stats)
      out << fmt::format("  {:<{}}  {:<{}}  {}\n", s.name, name, s.unit, unit, s.description);
  }
}

}  // namespace

int describeCommand(const std::optional<std::string>& type, std::ostream& out, std::ostream& err) {
  const auto all = ComponentRegistry::all();
  if (!type) {
    std::size_t width = 0;
    for (const auto* info : all) width = std::max(width, info->type.size());
    out << "component types (xpusim describe TYPE for details):\n";
    for (const auto* info : all)
      out << fmt::format("  {:<{}}  {}\n", info->type, width, info->summary);
    return kExitOk;
  }
  if (const ComponentInfo* info = ComponentRegistry::find(*type)) {
    describeType(*info, out);
    return kExitOk;
  }
  std::vector<std::string> names;
  for (const auto* info : all) names.push_back(info->type);
  err << fmt::format("xpusim: unknown component type '{}'{}\n", *type, suggestion(*type, names));
  return kExitBadInput;
}

}  // namespace xpusim::cli
