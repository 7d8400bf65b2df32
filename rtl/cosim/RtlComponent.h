#pragma once
#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "sim/config/InputError.h"
#include "sim/core/Clock.h"
#include "sim/core/Component.h"

namespace xpusim::rtl {

/// Base of the RTL adapters: an engine component that clocks one Verilated block through one
/// co-simulation case, one RTL cycle per edge of its clock. `Driver` (a block's *RtlDriver) has
/// step() (one cycle), done() and cycles(). The derived class joins the clock in its constructor
/// (useClock), builds the case and its driver in start() and hands it to run(). The component is
/// busy for cycles() clock periods: its last tick is the edge that ends the last RTL cycle, so a
/// run holding only this component ends at cycles x period. Stat `cycles` (RTL cycles run) must
/// be declared by the derived describe().
template <class Driver>
class RtlComponent : public Component, public Clocked {
 public:
  bool tick() final {
    if (driver_->done()) return false;
    driver_->step();
    return true;
  }

 protected:
  explicit RtlComponent(BuildContext& ctx) : Component(ctx) { stat("cycles", cycles_); }

  /// Joins the clock of `period` ps the RTL runs on.
  void useClock(Tick period) { clock_ = joinClock(period, *this); }
  /// Starts clocking `driver` from the next edge.
  void run(std::unique_ptr<Driver> driver) {
    driver_ = std::move(driver);
    clock_.wake();
  }
  /// The driver run() was given (nullptr before start()).
  const Driver* driver() const { return driver_.get(); }

  /// For finish(): records the cycles run and throws std::runtime_error when the run drained
  /// but the RTL fell short of its case (`complete` false); `why` says what it still owed.
  void checkRan(bool drained, bool complete, const std::string& why) {
    cycles_ = driver_->cycles();
    if (drained && !complete)
      throw std::runtime_error(
          fmt::format("{}: RTL stopped after {} cycles: {}", path(), cycles_, why));
  }

  /// A bad case reported at the parameter it names: the co-simulation case checks name their
  /// command-line option first ("--page-bytes 510: ..."), which is parameter `page_bytes`
  /// here; `fallback` when the message names no parameter of this component.
  InputError caseError(const std::string& reason, const std::string& fallback) {
    std::string name = fallback;
    if (reason.starts_with("--")) {
      std::string option = reason.substr(2, reason.find_first_of(" :") - 2);
      for (char& ch : option)
        if (ch == '-') ch = '_';
      for (const auto& p : info().params)
        if (p.name == option) name = option;
    }
    return params().error(name, reason);
  }

  std::uint64_t cycles_ = 0;

 private:
  ClockHandle clock_;
  std::unique_ptr<Driver> driver_;
};

}  // namespace xpusim::rtl
