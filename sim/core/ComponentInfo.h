#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/ParamSpec.h"

namespace xpusim {

class Component;
struct BuildContext;

/// The kind of connection a port makes.
enum class PortKind {
  kMemoryInitiator,  ///< sends MemRequests; configured by a key naming the target component
  kMemoryTarget,     ///< serves MemRequests (see MemoryPort.h)
};

/// A declared port, printed by `xpusim describe`.
struct PortSpec {
  std::string name;
  PortKind kind = PortKind::kMemoryInitiator;
  std::string description;
};

/// A declared statistic: the component registers a member under this name.
struct StatSpec {
  std::string name;
  std::string unit;
  std::string description;
};

using ComponentFactory = std::unique_ptr<Component> (*)(BuildContext&);

/// Everything a component type declares about itself (SST-style): what `xpusim describe`
/// prints, what the parameter reader checks configs against, and how to build one.
struct ComponentInfo {
  std::string type;     ///< the name YAML selects it by (`type: sram`)
  std::string summary;  ///< one line: what it models
  std::vector<ParamSpec> params;
  std::vector<PortSpec> ports;
  std::vector<StatSpec> stats;
  bool container = false;  ///< accepts child components under `components:`
  ComponentFactory create = nullptr;

  const StatSpec& stat(std::string_view name) const;
  const PortSpec& port(std::string_view name) const;
};

/// The factory: every component type registers itself from its own source file.
class ComponentRegistry {
 public:
  /// Registers a type; a duplicate type name aborts at start-up with a message.
  static bool add(ComponentInfo info);
  /// The type named `type`, or nullptr.
  static const ComponentInfo* find(std::string_view type);
  /// Every registered type, sorted by name.
  static std::vector<const ComponentInfo*> all();
};

}  // namespace xpusim

/// Registers component class `Class`, which provides `static ComponentInfo describe()` and a
/// constructor taking `BuildContext&`. Place it in the class's .cpp file, inside namespace xpusim.
#define XPUSIM_REGISTER_COMPONENT(Class)                                                  \
  namespace {                                                                             \
  const bool xpusimRegistered##Class = ::xpusim::ComponentRegistry::add([] {              \
    ::xpusim::ComponentInfo info = Class::describe();                                     \
    info.create = [](::xpusim::BuildContext& c) -> std::unique_ptr<::xpusim::Component> { \
      return std::make_unique<Class>(c);                                                  \
    };                                                                                    \
    return info;                                                                          \
  }());                                                                                   \
  }
