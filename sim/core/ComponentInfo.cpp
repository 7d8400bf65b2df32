#include "sim/core/ComponentInfo.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>

namespace xpusim {

namespace {
std::map<std::string, ComponentInfo, std::less<>>& registry() {
  static std::map<std::string, ComponentInfo, std::less<>> types;
  return types;
}
}  // namespace

const StatSpec& ComponentInfo::stat(std::string_view name) const {
  for (const auto& s : stats)
    if (s.name == name) return s;
  throw std::logic_error(type + ": statistic '" + std::string(name) + "' is not declared");
}

const PortSpec& ComponentInfo::port(std::string_view name) const {
  for (const auto& p : ports)
    if (p.name == name) return p;
  throw std::logic_error(type + ": port '" + std::string(name) + "' is not declared");
}

bool ComponentRegistry::add(ComponentInfo info) {
  auto& types = registry();
  if (types.count(info.type)) {
    std::fprintf(stderr, "xpusim: component type '%s' registered twice\n", info.type.c_str());
    std::abort();
  }
  const std::string name = info.type;
  types.emplace(name, std::move(info));
  return true;
}

const ComponentInfo* ComponentRegistry::find(std::string_view type) {
  auto& types = registry();
  auto it = types.find(type);
  return it == types.end() ? nullptr : &it->second;
}

std::vector<const ComponentInfo*> ComponentRegistry::all() {
  std::vector<const ComponentInfo*> out;
  for (const auto& [name, info] : registry()) out.push_back(&info);
  return out;
}

}  // namespace xpusim
