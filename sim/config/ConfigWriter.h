#pragma once
#include <string>

#include "sim/config/ConfigNode.h"

namespace xpusim {

/// Writes a ConfigNode tree as YAML that ConfigLoader reads back to the same tree.
std::string toYaml(const ConfigNode& node);

}  // namespace xpusim
