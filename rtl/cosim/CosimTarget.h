#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace xpusim::rtl {

/// One `xpusim cosim <name>` target: a model and its Verilated RTL run side by side, their
/// canonical streams compared (sim/cosim/StreamChecker.h).
class CosimTarget {
 public:
  virtual ~CosimTarget() = default;
  /// Declares the target's command-line options on its subcommand.
  virtual void addOptions(CLI::App& command) = 0;
  /// Runs the case the options describe and prints both sides' cycles, the stream check and
  /// the speed of each. Returns 0 on a match, 1 on any mismatch, 2 on bad input.
  virtual int run(std::ostream& out, std::ostream& err) = 0;
};

/// A registered target: its subcommand name, a one-line help and a factory.
struct CosimTargetEntry {
  std::string name;
  std::string help;
  std::unique_ptr<CosimTarget> (*make)();
};

/// Adds a target (called at static initialisation by XPUSIM_REGISTER_COSIM); returns true.
bool registerCosimTarget(CosimTargetEntry entry);
/// Every registered target, by name.
const std::vector<CosimTargetEntry>& cosimTargets();

}  // namespace xpusim::rtl

/// Registers `Class` (a CosimTarget with a default constructor) as `xpusim cosim NAME`.
/// Use once, at namespace scope inside namespace xpusim::rtl, in the target's .cpp.
#define XPUSIM_REGISTER_COSIM(Class, NAME, HELP)                                          \
  static const bool xpusim_cosim_registered_##Class = ::xpusim::rtl::registerCosimTarget( \
      {NAME, HELP, []() -> std::unique_ptr<::xpusim::rtl::CosimTarget> {                  \
         return std::make_unique<Class>();                                                \
       }});
