#include "models/dataflow/cosim/LaneStream.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "models/dataflow/RduArch.h"
#include "models/dataflow/units/ComputeUnit.h"

namespace xpusim::dataflow {

namespace {

constexpr Tick kPeriod = 1000;

Cycle cycleOf(Tick t) {
  return t / kPeriod;
}

/// The testbench driving input k: offers each token after its gap, holds it until accepted.
class LaneSource : public Unit {
 public:
  LaneSource(const LaneCase& c, std::uint32_t k, cosim::Stream& stream)
      : Unit("in" + std::to_string(k), UnitKind::kIo, {}, c.tokens),
        case_(c),
        input_(k),
        stream_(stream) {
    offer_.begin(c, k);
  }
  bool tick() override {
    const Cycle now = cycleOf(this->now());
    if (fired_ == firings()) {
      complete();
      return false;
    }
    if (!offer_.offering(case_, now)) {
      wakeAt(offer_.from * kPeriod);
      return false;
    }
    if (!outputsFree()) return false;  // the returning credit wakes it
    const std::int32_t v = case_.values[input_][offer_.next];
    sendAll(Token{static_cast<double>(v)});
    stream_.records.push_back({now, kLaneInPort, static_cast<std::uint16_t>(input_), v});
    ++fired_;
    offer_.accepted(case_, input_, now);
    return true;
  }

 private:
  const LaneCase& case_;
  std::uint32_t input_;
  cosim::Stream& stream_;
  InputOffer offer_;
};

/// The consumer: takes a result on every cycle the stall pattern is ready.
class LaneConsumer : public Unit {
 public:
  LaneConsumer(const LaneCase& c, cosim::Stream& stream)
      : Unit("out", UnitKind::kIo, {}, c.tokens), case_(c), stream_(stream) {}
  bool tick() override {
    if (fired_ == firings()) {
      complete();
      return false;
    }
    if (!inputs_[0].ready()) return false;  // the arrival wakes it
    const Cycle now = cycleOf(this->now());
    if (!case_.stall.ready(now)) return true;
    const auto v = static_cast<std::int64_t>(inputs_[0].take().value);
    stream_.records.push_back({now, kLaneOutPort, 0, v});
    values_.push_back(v);
    ++fired_;
    return true;
  }
  const std::vector<std::int64_t>& values() const { return values_; }

 private:
  const LaneCase& case_;
  cosim::Stream& stream_;
  std::vector<std::int64_t> values_;
};

struct DoneCounter : UnitObserver {
  std::size_t done = 0;
  void unitDone() override { ++done; }
};

}  // namespace

std::vector<std::string> lanePortNames() {
  return {"in", "result", "out"};
}

cosim::Stream modelLaneStream(const LaneCase& c, Cycle delayFrom) {
  cosim::Stream stream;
  stream.ports = lanePortNames();
  EventQueue queue;
  ClockDomain clock(queue, "lane", kPeriod);

  NodeSpec node;
  node.name = "lane";
  node.stages = c.stages;
  node.ii = c.ii;
  node.firings = c.tokens;
  node.flops = c.program.flops();
  RduArch arch;
  arch.period = kPeriod;
  ComputeUnit pcu("pcu", {}, node, PcuTiming::of(node, 1, arch), 1.0, c.program);
  pcu.start(kPeriod);
  LaneConsumer consumer(c, stream);
  std::vector<std::unique_ptr<LaneSource>> sources;
  std::vector<std::unique_ptr<TokenChannel>> channels;
  auto connect = [&](Unit& from, Unit& to, const std::string& name, std::uint32_t depth) {
    channels.push_back(std::make_unique<TokenChannel>(queue, name, depth, kPeriod, kPeriod));
    TokenChannel* ch = channels.back().get();
    ch->bindSender(from.handle());
    ch->bindReceiver(to.handle());
    from.outputs().emplace_back().add(ch);
    to.inputs().emplace_back().channels.push_back(ch);
  };
  DoneCounter done;
  pcu.attach(clock, queue, nullptr, "", &done);
  consumer.attach(clock, queue, nullptr, "", &done);
  for (std::uint32_t k = 0; k < c.program.inputs(); ++k) {
    sources.push_back(std::make_unique<LaneSource>(c, k, stream));
    sources.back()->attach(clock, queue, nullptr, "", &done);
    connect(*sources.back(), pcu, "in" + std::to_string(k), c.inputDepth);
  }
  connect(pcu, consumer, "out", c.outputDepth);
  for (auto& s : sources) s->begin();
  pcu.begin();
  consumer.begin();

  // Run cycle by cycle; a send into the output channel is the cycle's result record (its
  // value is known once the consumer has taken it, in the same order).
  std::vector<Cycle> resultCycles;
  const TokenChannel& out = *channels.back();
  const Cycle limit = 64 + c.tokens * (c.ii + c.stages + 64);
  for (Cycle cycle = 0; consumer.fired() < c.tokens; ++cycle) {
    if (cycle > limit) throw std::logic_error("modelLaneStream: the lane did not finish");
    queue.runUntil(cycle * kPeriod + kPeriod - 1);
    while (resultCycles.size() < out.sent()) resultCycles.push_back(cycle);
  }
  for (std::size_t j = 0; j < resultCycles.size(); ++j)
    stream.records.push_back({resultCycles[j], kLaneResultPort, 0, consumer.values()[j]});
  std::sort(stream.records.begin(), stream.records.end());
  for (auto& r : stream.records)
    if (r.cycle >= delayFrom) ++r.cycle;
  return stream;
}

}  // namespace xpusim::dataflow
