#include "sim/trace/Timeline.h"

#include <cmath>
#include <cstdio>
#include <iterator>
#include <stdexcept>

namespace xpusim {
namespace {

/// `text` as a JSON string literal (invalid UTF-8 replaced).
std::string quoted(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Timeline::Timeline(std::filesystem::path path, std::uint64_t maxEvents)
    : file_(std::move(path)), maxEvents_(maxEvents) {
  file_.stream() << "{\"traceEvents\":[";
}

Timeline::~Timeline() {
  if (finished_) return;
  try {
    finish();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "xpusim: cannot write timeline: %s\n", e.what());
  }
}

std::string Timeline::micros(Tick ticks) {
  const Tick whole = ticks / kMicrosecond;
  const Tick fraction = ticks % kMicrosecond;
  if (fraction == 0) return fmt::format("{}", whole);
  std::string text = fmt::format("{}.{:06}", whole, fraction);
  while (text.back() == '0') text.pop_back();
  return text;
}

std::uint32_t Timeline::process(const std::string& name) {
  checkOpen();
  const auto [it, added] =
      processes_.emplace(name, static_cast<std::uint32_t>(processes_.size() + 1));
  if (added) {
    const std::uint32_t pid = it->second;
    fmt::format_to(std::back_inserter(buffer_),
                   R"({{"name":"process_name","ph":"M","ts":0,"pid":{},"args":{{"name":{}}}}})",
                   pid, quoted(name));
    emit();
    fmt::format_to(std::back_inserter(buffer_),
                   R"({{"name":"process_sort_index","ph":"M","ts":0,"pid":{},)"
                   R"("args":{{"sort_index":{}}}}})",
                   pid, pid);
    emit();
  }
  return it->second;
}

Timeline::LaneId Timeline::lane(const std::string& process, const std::string& thread) {
  const std::uint32_t pid = this->process(process);
  const auto [it, added] =
      laneIds_.emplace(std::make_pair(pid, thread), static_cast<LaneId>(lanes_.size()));
  if (added) {
    const std::uint32_t tid = static_cast<std::uint32_t>(lanes_.size() + 1);
    lanes_.push_back({pid, tid, 0});
    fmt::format_to(std::back_inserter(buffer_),
                   R"({{"name":"thread_name","ph":"M","ts":0,"pid":{},"tid":{},)"
                   R"("args":{{"name":{}}}}})",
                   pid, tid, quoted(thread));
    emit();
    fmt::format_to(std::back_inserter(buffer_),
                   R"({{"name":"thread_sort_index","ph":"M","ts":0,"pid":{},"tid":{},)"
                   R"("args":{{"sort_index":{}}}}})",
                   pid, tid, tid);
    emit();
  }
  return it->second;
}

void Timeline::slice(LaneId lane, const std::string& name, Tick start, Tick end,
                     const nlohmann::json& args) {
  checkOpen();
  Lane& track = lanes_.at(lane);
  if (end < start || start < track.busyUntil) {
    throw std::logic_error(fmt::format(
        "timeline slice '{}' [{}, {}) ps overlaps the previous slice (ends at {} ps) or is "
        "reversed on its lane",
        name, start, end, track.busyUntil));
  }
  if (!args.is_null() && !args.is_object()) {
    throw std::logic_error("timeline slice '" + name + "': args must be a JSON object");
  }
  track.busyUntil = end;
  if (!admit(end)) return;
  fmt::format_to(std::back_inserter(buffer_),
                 R"({{"name":{},"ph":"X","ts":{},"dur":{},"pid":{},"tid":{})", quoted(name),
                 micros(start), micros(end - start), track.pid, track.tid);
  if (!args.is_null()) {
    fmt::format_to(std::back_inserter(buffer_), R"(,"args":{})",
                   args.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  buffer_.push_back('}');
  emit();
}

void Timeline::counter(const std::string& process, const std::string& name, Tick at, double value) {
  if (!std::isfinite(value)) {
    throw std::logic_error(fmt::format("timeline counter '{}' = {} is not finite", name, value));
  }
  const std::uint32_t pid = this->process(process);
  if (!admit(at)) return;
  fmt::format_to(std::back_inserter(buffer_),
                 R"({{"name":{},"ph":"C","ts":{},"pid":{},"args":{{"value":{}}}}})", quoted(name),
                 micros(at), pid, value);
  emit();
}

void Timeline::instant(LaneId lane, const std::string& name, Tick at) {
  checkOpen();
  const Lane& track = lanes_.at(lane);
  if (!admit(at)) return;
  fmt::format_to(std::back_inserter(buffer_),
                 R"({{"name":{},"ph":"i","s":"t","ts":{},"pid":{},"tid":{}}})", quoted(name),
                 micros(at), track.pid, track.tid);
  emit();
}

void Timeline::finish() {
  checkOpen();
  if (dropped_ > 0) {
    fmt::format_to(
        std::back_inserter(buffer_),
        R"({{"name":{},"ph":"i","s":"g","ts":{},"pid":0,"tid":0,)"
        R"("args":{{"dropped_events":{},"max_events":{}}}}})",
        quoted(fmt::format("xpusim: {} events dropped after the cap of {}", dropped_, maxEvents_)),
        micros(lastTick_), dropped_, maxEvents_);
    emit();
  }
  file_.stream() << fmt::format(
      "\n],\n\"displayTimeUnit\":\"ns\",\n"
      "\"otherData\":{{\"written_events\":{},\"dropped_events\":{},\"max_events\":{}}}}}\n",
      written_, dropped_, maxEvents_);
  finished_ = true;
  file_.commit();
}

bool Timeline::admit(Tick at) {
  if (at > lastTick_) lastTick_ = at;
  if (written_ >= maxEvents_) {
    ++dropped_;
    return false;
  }
  ++written_;
  return true;
}

void Timeline::checkOpen() const {
  if (finished_) throw std::logic_error("timeline already finished");
}

void Timeline::emit() {
  std::ostream& out = file_.stream();
  out << (firstEvent_ ? "\n" : ",\n");
  out.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  firstEvent_ = false;
}

}  // namespace xpusim
