#include "rtl/cosim/CosimTarget.h"

#include <algorithm>

namespace xpusim::rtl {

namespace {

std::vector<CosimTargetEntry>& registry() {
  static std::vector<CosimTargetEntry> targets;
  return targets;
}

}  // namespace

bool registerCosimTarget(CosimTargetEntry entry) {
  auto& targets = registry();
  const auto at = std::lower_bound(
      targets.begin(), targets.end(), entry.name,
      [](const CosimTargetEntry& e, const std::string& name) { return e.name < name; });
  targets.insert(at, std::move(entry));
  return true;
}

const std::vector<CosimTargetEntry>& cosimTargets() {
  return registry();
}

}  // namespace xpusim::rtl
