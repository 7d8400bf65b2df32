#include "models/system/System.h"

#include "sim/config/Units.h"
#include "sim/core/Simulation.h"

namespace xpusim {

ComponentInfo System::describe() {
  ComponentInfo info;
  info.type = "system";
  info.summary = "Root of a config: holds the components and the run-wide settings";
  info.container = true;
  info.params = {
      Param::uint("seed", "", "seed of every random stream in the run").def("1"),
      Param::time("stop_at", "stop the run at this simulated time even if work is left")
          .optionalValue(),
      Param::path("workload", "workload file for models that take one (also --workload)")
          .optionalValue(),
  };
  info.stats = {
      {"sim_ticks", "ps", "simulated time at the end of the run"},
      {"sim_seconds", "s", "simulated time at the end of the run"},
      {"events", "events", "events processed by the engine"},
  };
  return info;
}

System::System(BuildContext& ctx) : Component(ctx) {
  sim().setSeed(params().uint("seed"));
  if (params().has("stop_at")) sim().setStopAt(params().time("stop_at"));
  if (params().has("workload")) sim().setWorkload(params().path("workload"));
  buildChildrenFromConfig();
  stat("sim_ticks", endTick_);
  stat("sim_seconds", simulatedSeconds_);
  stat("events", events_);
}

void System::finish(bool) {
  endTick_ = sim().now();
  events_ = sim().queue().processed();
  simulatedSeconds_ = static_cast<double>(endTick_) / static_cast<double>(kSecond);
}

void System::summarize(SummaryLines& lines) const {
  lines.emplace_back("simulated time", units::formatTime(endTick_));
  lines.emplace_back("events", std::to_string(events_));
}

XPUSIM_REGISTER_COMPONENT(System)

}  // namespace xpusim
