#include "sim/core/Component.h"

#include <fmt/format.h>

#include "sim/config/Suggest.h"
#include "sim/core/Simulation.h"
#include "sim/output/AtomicFile.h"
#include "sim/stats/StatsRegistry.h"
#include "sim/stats/TimeAverage.h"

namespace xpusim {

namespace {
std::vector<std::string> reservedKeys(const ComponentInfo& info) {
  std::vector<std::string> keys{"type"};
  if (info.container) keys.push_back("components");
  for (const auto& p : info.ports)
    if (p.kind == PortKind::kMemoryInitiator) keys.push_back(p.name);
  return keys;
}
}  // namespace

Component::Component(BuildContext& ctx)
    : sim_(ctx.sim),
      parent_(ctx.parent),
      name_(ctx.name),
      path_(ctx.parent ? ctx.parent->path() + "." + ctx.name : ctx.name),
      info_(ctx.info),
      node_(ctx.node),
      params_(
          std::make_unique<ParamReader>(ctx.node, path_, ctx.info.params, reservedKeys(ctx.info))) {
  for (const auto& p : info_.ports)
    if (p.kind == PortKind::kMemoryInitiator)
      if (const ConfigNode* v = node_.find(p.name)) {
        if (!v->isScalar())
          throw InputError(
              v->where, fmt::format("{}: port '{}' takes the name of a component", path_, p.name));
        portBindings_.emplace_back(p.name, *v);
      }
}

Component::~Component() = default;

Component* Component::child(std::string_view name) const {
  for (const auto& c : children_)
    if (c->name() == name) return c.get();
  return nullptr;
}

MemoryTargetPort* Component::memoryTarget(std::string_view) {
  return nullptr;
}

ParamReader& Component::params() {
  if (!params_) throw std::logic_error(path_ + ": parameters read after construction");
  return *params_;
}

void Component::sealParameters() {
  params_->checkAllRead();
  resolved_ = params_->resolved();
  params_.reset();
}

ConfigNode Component::resolvedConfig() const {
  ConfigNode out;
  out.kind = ConfigNode::Kind::kMap;
  ConfigNode type;
  type.kind = ConfigNode::Kind::kScalar;
  type.scalar = info_.type;
  out.set("type", std::move(type), {});
  for (const auto& e : resolved_.entries) out.set(e.key, e.value, {});
  if (info_.container) {
    ConfigNode& kids =
        out.set("components", ConfigNode{ConfigNode::Kind::kMap, {}, {}, {}, {}}, {});
    for (const auto& c : children_) kids.set(c->name(), c->resolvedConfig(), {});
  }
  return out;
}

std::unique_ptr<Component> Component::build(Simulation& sim, Component* parent,
                                            const std::string& name, const ConfigNode& node) {
  const std::string path = parent ? parent->path() + "." + name : name;
  if (!node.isMap())
    throw InputError(node.where, fmt::format("{}: a component is a map with a 'type:' key, got {}",
                                             path, node.kindName()));
  const ConfigNode* type = node.find("type");
  std::string typeName = parent ? "" : "system";
  if (type) typeName = type->scalar;
  std::vector<std::string> names;
  for (const auto* info : ComponentRegistry::all()) names.push_back(info->type);
  if (typeName.empty())
    throw InputError(node.where,
                     fmt::format("{}: missing 'type:' (one of: {})", path, fmt::join(names, ", ")));
  const ComponentInfo* info = ComponentRegistry::find(typeName);
  if (!info)
    throw InputError(type ? type->where : node.where,
                     fmt::format("{}: unknown component type '{}'{}; `xpusim describe` lists them",
                                 path, typeName, suggestion(typeName, names)));
  BuildContext ctx{sim, parent, name, node, *info};
  std::unique_ptr<Component> c = info->create(ctx);
  c->sealParameters();
  return c;
}

void Component::buildChildrenFromConfig() {
  const ConfigNode* kids = node_.find("components");
  if (!kids) return;
  if (!kids->isMap())
    throw InputError(kids->where,
                     fmt::format("{}: 'components' must be a map of name: component", path_));
  for (const auto& e : kids->entries) {
    if (e.key.find('.') != std::string::npos)
      throw InputError(e.keyAt,
                       fmt::format("{}: component name '{}' must not contain '.'", path_, e.key));
    children_.push_back(build(sim_, this, e.key, e.value));
  }
}

void Component::connect(MemoryInitiatorPort& port, const std::string& portName, ClockHandle self) {
  info_.port(portName);
  const ConfigNode* binding = nullptr;
  for (const auto& [name, node] : portBindings_)
    if (name == portName) binding = &node;
  if (!binding)
    throw InputError(node_.where, fmt::format("{}: port '{}' is not connected: add '{}: "
                                              "<component>' naming a memory",
                                              path_, portName, portName));
  const std::string& target = binding->scalar;
  // "sram" or "sram.port": a sibling first, then a path from the root.
  auto lookup = [&](const std::string& p) -> Component* {
    if (parent_)
      if (Component* c = sim_.find(parent_->path() + "." + p)) return c;
    return sim_.find(p);
  };
  Component* found = lookup(target);
  std::string targetPort;
  if (const auto dot = target.rfind('.'); !found && dot != std::string::npos) {
    found = lookup(target.substr(0, dot));
    targetPort = target.substr(dot + 1);
  }
  if (!found)
    throw InputError(
        binding->where,
        fmt::format("{}: port '{}' names '{}', which is not a component", path_, portName, target));
  if (targetPort.empty())
    for (const auto& p : found->info().ports)
      if (p.kind == PortKind::kMemoryTarget) {
        targetPort = p.name;
        break;
      }
  MemoryTargetPort* t = found->memoryTarget(targetPort);
  if (!t)
    throw InputError(binding->where,
                     fmt::format("{}: port '{}' names {} ({}), which has no memory port '{}'",
                                 path_, portName, found->path(), found->info().type, targetPort));
  if (t->connected())
    throw InputError(binding->where, fmt::format("{}: memory port '{}' of {} is already connected",
                                                 path_, targetPort, found->path()));
  port.connect(*t, self);
}

void Component::writeReport(const std::string& fileName,
                            const std::function<void(std::ostream&)>& write) const {
  if (const auto& dir = sim_.outputDir()) writeFileAtomically(*dir / fileName, write);
}

bool Component::portConfigured(const std::string& port) const {
  for (const auto& [name, node] : portBindings_)
    if (name == port) return true;
  return false;
}

ClockHandle Component::joinClock(Tick period, Clocked& member) {
  return sim_.clock(period).add(member);
}

void Component::stat(const std::string& name, const std::uint64_t& value,
                     const std::string& scope) {
  const StatSpec& s = info_.stat(name);
  sim_.stats().addCounter(path_ + "." + scope + name, value, s.unit, s.description);
}
void Component::stat(const std::string& name, const double& value, const std::string& scope) {
  const StatSpec& s = info_.stat(name);
  sim_.stats().addScalar(path_ + "." + scope + name, value, s.unit, s.description);
}
void Component::stat(const std::string& name, const Distribution& value, const std::string& scope) {
  const StatSpec& s = info_.stat(name);
  sim_.stats().addDistribution(path_ + "." + scope + name, value, s.unit, s.description);
}
void Component::stat(const std::string& name, const std::vector<std::uint64_t>& value,
                     const std::string& scope) {
  const StatSpec& s = info_.stat(name);
  sim_.stats().addVector(path_ + "." + scope + name, value, s.unit, s.description);
}
void Component::stat(const std::string& name, const TimeAverage& value, const std::string& scope) {
  formula(
      name, [this, &value] { return value.average(sim_.now()); }, scope);
}
void Component::formula(const std::string& name, std::function<double()> f,
                        const std::string& scope) {
  const StatSpec& s = info_.stat(name);
  sim_.stats().addFormula(path_ + "." + scope + name, std::move(f), s.unit, s.description);
}

}  // namespace xpusim
