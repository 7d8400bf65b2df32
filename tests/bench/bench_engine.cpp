// Engine throughput: a PHOLD-like load on xpusim's EventQueue and on the SystemC 2.3 kernel.
//
// 1,024 targets; every processed event does a little work on its target and schedules one new
// event at now + U[1,100] cycles (1 cycle = 1,000 ps = 1 ns) to a random target, so the number
// of pending events stays constant. Each case runs a warm-up, then a fixed number of events
// timed with std::chrono::steady_clock. Usage: bench_engine [--json] [--quick]
#define SC_INCLUDE_DYNAMIC_PROCESSES
#include <systemc>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/Event.h"
#include "sim/core/EventQueue.h"
#include "sim/core/Tick.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint32_t kTargets = 1024;  // a power of two: drawn with a mask
constexpr std::uint64_t kMaxDelayCycles = 100;
constexpr xpusim::Tick kCyclePs = 1000;
constexpr std::uint64_t kSeed = 0x9d2c5680a1b2c3d4ULL;

/// splitmix64: deterministic and the same on every platform.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
};

/// The next hop of a token: a random target and a delay of U[1,100] cycles.
struct Hop {
  std::uint32_t target;
  std::uint32_t delayCycles;
};
/// Target from the low bits, delay from the high 32 bits by multiply-shift (Lemire's
/// reduction: no division, uniform to within 1e-8).
Hop draw(Rng& rng) {
  const std::uint64_t x = rng.next();
  return {static_cast<std::uint32_t>(x & (kTargets - 1)),
          static_cast<std::uint32_t>(1 + (((x >> 32) * kMaxDelayCycles) >> 32))};
}

/// A PHOLD target: the same small piece of state work in both engines.
struct Target {
  std::uint64_t received = 0;
  std::uint64_t state = 0;
  void receive(std::uint64_t now) {
    ++received;
    state = (state ^ now) * 0x100000001b3ULL;
  }
};

struct Result {
  std::string name;
  std::uint64_t pending = 0;
  std::uint64_t events = 0;
  double seconds = 0;
  std::uint64_t finalSimPs = 0;  // simulated time when the timed part ended
  double rate() const { return double(events) / seconds; }
};

void check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("bench_engine: sanity check failed: " + what);
}

/// Sanity of the simulated time: each event moves its token 50.5 cycles on average, and a
/// renewal process of U[1,100] steps has made about T / 50.5 - 1/3 steps by time T.
void checkSimTime(const Result& r, std::uint64_t totalEvents, std::uint64_t cyclePs) {
  const double mean = 50.5 * double(cyclePs);
  const double expected = (double(totalEvents) / double(r.pending) + 1.0 / 3.0) * mean;
  check(std::abs(double(r.finalSimPs) - expected) < 0.02 * expected + mean,
        fmt::format("{} pending {}: simulated time {} ps, expected about {:.0f} ps", r.name,
                    r.pending, r.finalSimPs, expected));
}

// ---------------------------------------------------------------------------------------------
// xpusim: a pool of intrusive events, one per pending token, reused when they fire.

class XpuPhold;

/// One pending token, one cache line (56-byte Event + target): its simulation is found through
/// XpuPhold::current (one runs at a time) rather than a pointer per token.
class alignas(64) Token final : public xpusim::Event {
 public:
  void process() override;
  std::uint32_t target = 0;
};

class XpuPhold {
 public:
  explicit XpuPhold(std::uint64_t pending) : tokens_(pending), targets_(kTargets) {
    for (Token& t : tokens_) {
      const Hop h = draw(rng_);
      t.target = h.target;
      queue_.schedule(t, h.delayCycles * kCyclePs);
    }
  }

  /// Processes exactly `events` more events; returns the wall time they took.
  double run(std::uint64_t events) {
    current = this;
    stopAt_ = processed_ + events;
    const auto t0 = Clock::now();
    queue_.runUntil(xpusim::kMaxTick);
    const auto t1 = Clock::now();
    check(processed_ == stopAt_, "xpusim processed count");
    return std::chrono::duration<double>(t1 - t0).count();
  }

  void fire(Token& t) {
    targets_[t.target].receive(queue_.now());
    const Hop h = draw(rng_);
    t.target = h.target;
    queue_.schedule(t, queue_.now() + h.delayCycles * kCyclePs);
    if (++processed_ == stopAt_) queue_.stop();
  }

  void verify() const {
    std::uint64_t received = 0;
    for (const Target& t : targets_) received += t.received;
    check(received == processed_, "xpusim: events received by targets");
    check(queue_.processed() == processed_, "xpusim: queue processed count");
    check(queue_.pending() == tokens_.size(), "xpusim: pending population");
  }
  xpusim::Tick now() const { return queue_.now(); }
  static inline XpuPhold* current = nullptr;

 private:
  xpusim::EventQueue queue_;
  std::vector<Token> tokens_;
  std::vector<Target> targets_;
  Rng rng_{kSeed};
  std::uint64_t processed_ = 0;
  std::uint64_t stopAt_ = 0;
};

void Token::process() {
  XpuPhold::current->fire(*this);
}

Result runXpusim(std::uint64_t pending, std::uint64_t warmup, std::uint64_t events) {
  XpuPhold sim(pending);
  sim.run(warmup);
  Result r{"xpusim_phold", pending, events, sim.run(events), sim.now()};
  sim.verify();
  check(r.finalSimPs > 0, "xpusim: simulated time advanced");
  checkSimTime(r, warmup + events, kCyclePs);
  return r;
}

// ---------------------------------------------------------------------------------------------
// SystemC: one SC_METHOD process and one sc_event per token (a timed notify overrides an
// earlier one, so tokens cannot share events), re-armed with sc_event::notify(sc_time).

class ScPhold : public sc_core::sc_module {
 public:
  ScPhold(const sc_core::sc_module_name& name, std::uint64_t pending, std::uint64_t warmup,
          std::uint64_t events, bool startAtZero)
      : sc_core::sc_module(name),
        pending_(pending),
        warmup_(warmup),
        events_(events),
        tokenEvents_(new sc_core::sc_event[pending]),
        tokenTargets_(pending),
        targets_(kTargets) {
    for (std::size_t d = 0; d <= kMaxDelayCycles; ++d)
      delays_.emplace_back(double(d), sc_core::SC_NS);
    for (std::size_t i = 0; i < pending; ++i) {
      sc_core::sc_spawn_options opts;
      opts.spawn_method();
      opts.dont_initialize();
      opts.set_sensitivity(&tokenEvents_[i]);
      sc_core::sc_spawn([this, i] { fire(i); }, sc_core::sc_gen_unique_name("token"), &opts);
    }
    sc_core::sc_spawn_options opts;
    opts.spawn_method();
    if (!startAtZero) opts.dont_initialize();
    opts.set_sensitivity(&start);
    sc_core::sc_spawn([this] { begin(); }, "starter", &opts);
  }

  sc_core::sc_event start;            ///< starts this case (if not started at time 0)
  sc_core::sc_event* next = nullptr;  ///< notified once this case is done

  Result result() const {
    check(done_, std::string(name()) + ": did not finish");
    std::uint64_t received = 0;
    for (const Target& t : targets_) received += t.received;
    check(received == processed_, "systemc: events received by targets");
    // Simulated time of this case alone, in ps (the case may have started later than 0).
    const auto simPs =
        static_cast<std::uint64_t>((endTime_ - beginTime_).to_seconds() * 1e12 + 0.5);
    return Result{"systemc_phold", pending_, events_,
                  std::chrono::duration<double>(t1_ - t0_).count(), simPs};
  }

 private:
  void begin() {
    if (begun_) return;
    begun_ = true;
    beginTime_ = sc_core::sc_time_stamp();
    for (std::size_t i = 0; i < pending_; ++i) {
      const Hop h = draw(rng_);
      tokenTargets_[i] = h.target;
      tokenEvents_[i].notify(delays_[h.delayCycles]);
    }
  }

  void fire(std::size_t i) {
    if (done_) return;  // the case is over: the token retires
    targets_[tokenTargets_[i]].receive(sc_core::sc_time_stamp().value());
    ++processed_;
    const Hop h = draw(rng_);
    tokenTargets_[i] = h.target;
    tokenEvents_[i].notify(delays_[h.delayCycles]);
    if (processed_ == warmup_) t0_ = Clock::now();
    if (processed_ == warmup_ + events_) {
      t1_ = Clock::now();
      done_ = true;
      endTime_ = sc_core::sc_time_stamp();
      // Start the next case once every retiring token of this one has fired.
      if (next) next->notify(delays_[kMaxDelayCycles] + delays_[kMaxDelayCycles]);
    }
  }

  std::uint64_t pending_, warmup_, events_;
  std::unique_ptr<sc_core::sc_event[]> tokenEvents_;
  std::vector<std::uint32_t> tokenTargets_;
  std::vector<Target> targets_;
  std::vector<sc_core::sc_time> delays_;  // 0..100 cycles
  Rng rng_{kSeed};
  std::uint64_t processed_ = 0;
  bool begun_ = false, done_ = false;
  sc_core::sc_time beginTime_, endTime_;
  Clock::time_point t0_, t1_;
};

// ---------------------------------------------------------------------------------------------

std::string json(const Result& r) {
  return fmt::format(
      "{{\"name\":\"{}\",\"pending\":{},\"events\":{},\"seconds\":{:.6f},\"events_per_s\":{:.0f},"
      "\"final_sim_ps\":{}}}",
      r.name, r.pending, r.events, r.seconds, r.rate(), r.finalSimPs);
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  bool asJson = false;
  std::uint64_t scale = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--json") {
      asJson = true;
    } else if (arg == "--quick") {
      scale = 20;
    } else {
      fmt::print(stderr, "usage: bench_engine [--json] [--quick]\n");
      return arg == "--help" || arg == "-h" ? 0 : 2;
    }
  }

  struct Case {
    std::uint64_t pending, warmup, events;
  };
  // Sized for roughly 0.5-1 s per case on one core of a 2-core x86 machine.
  const Case xpuCases[] = {{64, 2'000'000, 40'000'000},  //
                           {4096, 2'000'000, 40'000'000},
                           {262'144, 2'000'000, 5'000'000}};
  const Case scCases[] = {{64, 200'000, 6'000'000},  //
                          {4096, 200'000, 3'000'000}};

  std::vector<Result> results;
  for (const Case& c : xpuCases)
    results.push_back(runXpusim(c.pending, c.warmup / scale, c.events / scale));

  // SystemC elaborates once per process: the two cases run one after the other in one sc_start.
  ScPhold small("phold64", scCases[0].pending, scCases[0].warmup / scale, scCases[0].events / scale,
                true);
  ScPhold large("phold4096", scCases[1].pending, scCases[1].warmup / scale,
                scCases[1].events / scale, false);
  small.next = &large.start;
  sc_core::sc_start();
  for (const ScPhold* m : {&small, &large}) {
    results.push_back(m->result());
    const Case& c = m == &small ? scCases[0] : scCases[1];
    checkSimTime(results.back(), (c.warmup + c.events) / scale, kCyclePs);
  }

  double xpu4096 = 0, sc4096 = 0;
  for (const Result& r : results)
    if (r.pending == 4096) (r.name == "xpusim_phold" ? xpu4096 : sc4096) = r.rate();
  const double ratio = xpu4096 / sc4096;

  if (asJson) {
    for (const Result& r : results) fmt::print("{}\n", json(r));
    fmt::print("{{\"name\":\"summary\",\"ratio_vs_systemc\":{:.2f},\"pending\":4096}}\n", ratio);
  } else {
    fmt::print("{:<15} {:>8} {:>12} {:>9} {:>14} {:>16}\n", "engine", "pending", "events",
               "seconds", "events/s", "final sim (ps)");
    for (const Result& r : results)
      fmt::print("{:<15} {:>8} {:>12} {:>9.3f} {:>12.2f} M {:>16}\n", r.name, r.pending, r.events,
                 r.seconds, r.rate() / 1e6, r.finalSimPs);
    fmt::print("xpusim / SystemC at 4,096 pending: {:.1f}x\n", ratio);
  }
  return 0;
}

/// Replaces libsystemc's main() only to silence its banner (stderr), which it prints before
/// sc_main() runs.
int main(int argc, char* argv[]) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  return sc_core::sc_elab_and_sim(argc, argv);
}
