#include "models/optical/OpticalProjectionUnit.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/config/Units.h"
#include "sim/core/Simulation.h"

namespace xpusim {

using namespace optical;

const char* OpticalProjectionUnit::stageName(unsigned code) {
  static constexpr const char* kNames[] = {"host", "link_in", "dmd", "camera", "link_out"};
  return code < kStages ? kNames[code] : "?";
}

ComponentInfo OpticalProjectionUnit::describe() {
  ComponentInfo info;
  info.type = "optical_projection_unit";
  info.summary = "LightOn-style optical random projection unit (DMD, medium, camera) and host";
  info.params = {
      Param::path("job", "optical job YAML; the system's workload (--workload) when left out")
          .optionalValue(),
      Param::flag("functional", "compute real outputs (false: timing only)").def("true"),
      Param::uint("medium_seed", "", "seed of the random matrix R (the medium)").def("0"),
      Param::uint("link_generation", "", "PCIe generation of the host link (1..5)").def("2"),
      Param::uint("link_lanes", "lanes", "PCIe lanes of the host link").def("4"),
      Param::real("link_efficiency", "", "payload share of the line rate after TLP/DLLP overhead")
          .def("1"),
      Param::time("link_latency", "one-way latency of a transfer over the link").def("1us"),
      Param::uint("dmd_width", "pixels", "DMD mirror columns").def("912"),
      Param::uint("dmd_height", "pixels", "DMD mirror rows").def("1140"),
      Param::time("dmd_frame_period", "shortest time between two binary DMD patterns"),
      Param::uint("camera_width", "pixels", "camera sensor columns").def("1920"),
      Param::uint("camera_height", "pixels", "camera sensor rows").def("1080"),
      Param::choice("output_roi", {"mid_width", "mid_square"},
                    "output region: full-width centred rows, or a centred square")
          .def("mid_width"),
      Param::time("exposure", "camera exposure per frame").def("400us"),
      Param::time("readout_per_row", "camera readout time per row of the region of interest"),
      Param::time("frame_overhead", "fixed time added to every frame").def("50us"),
      Param::time("frame_time",
                  "configured frame period (lightonml frame_time_us); the camera runs at "
                  "max(this, max(readout, exposure) + overhead); 0 = the rule alone")
          .def("0s"),
      Param::real("gain", "counts/(intensity*us)",
                  "ADC counts per unit intensity |field|^2 per microsecond of exposure"),
      Param::real("temperature", "", "noise scale (temperature-like): 0 = noiseless").def("0"),
      Param::real("read_noise", "counts", "additive Gaussian noise at temperature 1").def("1"),
      Param::flag("adc", "8-bit saturating quantisation (false: ideal real readout)").def("true"),
      Param::uint("holography_anchors", "anchors", "reference anchors of linear mode (>= 2)")
          .def("4"),
      Param::uint("anchor_pixels", "pixels", "DMD pixels per holographic anchor").def("1024"),
      Param::uint("dma_queue_frames", "frames", "host DMA queue depth, each direction").def("2"),
      Param::uint("input_buffer_frames", "frames", "device input buffer (link to DMD)").def("2"),
      Param::uint("output_buffer_frames", "frames", "device output buffer (camera to link)")
          .def("2"),
      Param::time("handoff_latency", "latency of a hand-off between on-device stages").def("1ns"),
      Param::real("power", "W", "device power"),
      Param::real("peak_ops_per_s", "ops/s", "vendor peak throughput for the peak share"),
      Param::real("host_peak_flops", "FLOP/s", "host roofline: peak arithmetic rate"),
      Param::bandwidth("host_memory_bandwidth", "host roofline: memory bandwidth"),
  };
  info.stats = {
      {"frames", "frames", "camera frames exposed"},
      {"vectors", "vectors", "input vectors projected"},
      {"frames_per_vector", "frames", "frames per vector (planes x holographic frames)"},
      {"frame_time", "ps", "camera frame: max(frame_time, max(readout, exposure) + overhead)"},
      {"run_time", "ps", "time until the host completed the last pass"},
      {"frames_per_s", "frames/s", "frames over the run time"},
      {"effective_ops_per_s", "ops/s", "vectors x n_in x n_out over the run time"},
      {"peak_share", "", "effective_ops_per_s / peak_ops_per_s"},
      {"energy", "J", "device power x run time"},
      {"bound_by", "code",
       "stage with the most busy time: 0 host, 1 link_in, 2 dmd, 3 camera, 4 link_out"},
      {"stage_busy", "ps", "busy time per stage, indexed by the bound_by codes"},
      {"link_bytes_in", "B", "bytes sent host to device"},
      {"link_bytes_out", "B", "bytes sent device to host"},
      {"saturated_pixels", "pixels", "camera values clamped at full scale (functional)"},
      {"kernel_rel_error", "", "random features: relative Frobenius kernel error"},
      {"ones_fraction", "", "robust inference: fraction of ones in the binary codes"},
      {"loss_first", "nats", "DFA: cross-entropy of the first step"},
      {"loss_last", "nats", "DFA: cross-entropy of the last step"},
      {"accuracy_last", "", "DFA: accuracy of the last step's batch"},
  };
  return info;
}

OpticalProjectionUnit::OpticalProjectionUnit(BuildContext& ctx) : Component(ctx) {
  std::filesystem::path jobFile;
  if (params().has("job"))
    jobFile = params().path("job");
  else if (sim().workload())
    jobFile = *sim().workload();
  else
    throw InputError(params().location("job"), path() + ": no job: set 'job:' or give --workload");
  functional_ = params().flag("functional");
  readDevice();
  const Tick handoff = params().time("handoff_latency");
  const std::uint64_t dma = params().uint("dma_queue_frames");
  const std::uint64_t in = params().uint("input_buffer_frames");
  const std::uint64_t out = params().uint("output_buffer_frames");
  if (handoff == 0) throw params().error("handoff_latency", "must be > 0");
  if (dma == 0) throw params().error("dma_queue_frames", "must be at least 1");
  if (in == 0) throw params().error("input_buffer_frames", "must be at least 1");
  if (out == 0) throw params().error("output_buffer_frames", "must be at least 1");

  job_ = OpticalJob::load(jobFile, sim().seed());
  checkJobFits();
  const JobShape& shape = job_->shape();
  camera_ = std::make_unique<CameraModel>(cameraSpec_, sim().seed());
  encoder_ = std::make_unique<InputEncoder>(shape.encoding);
  framesPerVector_ =
      encoder_->planes() * (shape.mode == ProjectionMode::kLinear ? 1 + holography_.anchors : 1);
  if (functional_) {
    medium_ = std::make_unique<RandomMedium>(mediumSeed_, shape.inputs);
    core_ = std::make_unique<OpticalCore>(*medium_, *camera_, shape.mode, holography_, shape.inputs,
                                          shape.outputs);
    if (!shape.output.empty())
      results_ = std::make_unique<ResultFile>(shape.output, shape.vectors, job_->recordWidth());
  } else if (!shape.output.empty()) {
    throw InputError(params().location("functional"),
                     path() + ": the job asks for an output file but 'functional' is false");
  }
  buildPipeline(handoff, dma, in, out);
  registerStats();
}

OpticalProjectionUnit::~OpticalProjectionUnit() = default;

void OpticalProjectionUnit::readDevice() {
  mediumSeed_ = params().uint("medium_seed");
  link_.generation = static_cast<unsigned>(params().uint("link_generation"));
  link_.lanes = static_cast<unsigned>(params().uint("link_lanes"));
  link_.efficiency = params().real("link_efficiency");
  link_.latency = params().time("link_latency");
  if (link_.generation < 1 || link_.generation > 5)
    throw params().error("link_generation", "must be 1..5");
  if (link_.lanes == 0 || link_.lanes > 32) throw params().error("link_lanes", "must be 1..32");
  if (!(link_.efficiency > 0 && link_.efficiency <= 1))
    throw params().error("link_efficiency", "must lie in (0, 1]");
  if (link_.latency == 0) throw params().error("link_latency", "must be > 0");
  dmdPixels_ = params().uint("dmd_width") * params().uint("dmd_height");
  if (dmdPixels_ == 0) throw params().error("dmd_width", "the DMD needs at least one pixel");
  dmdPeriod_ = params().time("dmd_frame_period");
  cameraSpec_.width = params().uint("camera_width");
  cameraSpec_.height = params().uint("camera_height");
  if (cameraSpec_.width * cameraSpec_.height == 0)
    throw params().error("camera_width", "the camera needs at least one pixel");
  cameraSpec_.roi = params().choice("output_roi") == "mid_square" ? CameraSpec::Roi::kMidSquare
                                                                  : CameraSpec::Roi::kMidWidth;
  cameraSpec_.exposure = params().time("exposure");
  cameraSpec_.readoutPerRow = params().time("readout_per_row");
  cameraSpec_.frameOverhead = params().time("frame_overhead");
  cameraSpec_.framePeriod = params().time("frame_time");
  cameraSpec_.gainPerMicrosecond = params().real("gain");
  cameraSpec_.temperature = params().real("temperature");
  cameraSpec_.readNoise = params().real("read_noise");
  cameraSpec_.adc = params().flag("adc");
  if (cameraSpec_.exposure == 0) throw params().error("exposure", "must be > 0");
  if (!(cameraSpec_.gainPerMicrosecond > 0)) throw params().error("gain", "must be > 0");
  if (!(cameraSpec_.temperature >= 0)) throw params().error("temperature", "must be >= 0");
  if (!(cameraSpec_.readNoise >= 0)) throw params().error("read_noise", "must be >= 0");
  holography_.anchors = static_cast<unsigned>(params().uint("holography_anchors"));
  holography_.pixels = params().uint("anchor_pixels");
  if (holography_.anchors < 2) throw params().error("holography_anchors", "must be at least 2");
  if (holography_.pixels == 0) throw params().error("anchor_pixels", "must be at least 1");
  power_ = params().real("power");
  peakOps_ = params().real("peak_ops_per_s");
  roofline_.peakFlops = params().real("host_peak_flops");
  roofline_.memoryBandwidth = static_cast<double>(params().bandwidth("host_memory_bandwidth"));
  if (!(power_ >= 0)) throw params().error("power", "must be >= 0");
  if (!(peakOps_ > 0)) throw params().error("peak_ops_per_s", "must be > 0");
  if (!(roofline_.peakFlops > 0)) throw params().error("host_peak_flops", "must be > 0");
  if (roofline_.memoryBandwidth == 0) throw params().error("host_memory_bandwidth", "must be > 0");
}

void OpticalProjectionUnit::checkJobFits() {
  const JobShape& s = job_->shape();
  const std::uint64_t pixels =
      s.inputs + (s.mode == ProjectionMode::kLinear ? holography_.anchors * holography_.pixels : 0);
  if (pixels > dmdPixels_)
    throw InputError(
        params().location("dmd_width"),
        fmt::format("{}: the job needs {} DMD pixels ({} inputs{}) but the DMD has {}", path(),
                    pixels, s.inputs,
                    s.mode == ProjectionMode::kLinear ? " + holographic anchors" : "", dmdPixels_));
  CameraModel probe(cameraSpec_, 0);
  if (probe.roiRows(s.outputs) == 0)
    throw InputError(params().location("camera_width"),
                     fmt::format("{}: {} outputs do not fit the {}x{} camera with this ROI", path(),
                                 s.outputs, cameraSpec_.width, cameraSpec_.height));
}

void OpticalProjectionUnit::buildPipeline(Tick handoff, std::uint64_t dmaFrames,
                                          std::uint64_t inFrames, std::uint64_t outFrames) {
  EventQueue& q = sim().queue();
  auto channel = [&](const char* name, std::uint64_t capacity, Tick latency) {
    channels_.push_back(
        std::make_unique<FrameChannel>(q, path() + "." + name, capacity, latency, latency));
    return channels_.back().get();
  };
  FrameChannel* hostToLink = channel("host_to_link", dmaFrames, handoff);
  FrameChannel* linkToDmd = channel("link_to_dmd", inFrames, link_.latency);
  FrameChannel* dmdToCamera = channel("dmd_to_camera", 1, handoff);
  FrameChannel* cameraToLink = channel("camera_to_link", outFrames, handoff);
  FrameChannel* linkToHost = channel("link_to_host", dmaFrames, link_.latency);
  ClockDomain& clock = sim().clock(1);  // 1 ps: stages wake exactly when their events say
  Timeline* t = sim().timeline();
  auto stage = [&](const char* name, FrameChannel* in, FrameChannel* out, const char* lane,
                   Tick service) {
    stages_.push_back(std::make_unique<FrameStage>(name, clock, q, *in, *out, t, path(), lane));
    stages_.back()->setService(service);
  };
  const JobShape& s = job_->shape();
  frameTime_ = camera_->frameTime(s.outputs);
  stage("link_in", hostToLink, linkToDmd, "link h2d", link_.transferTime((s.inputs + 7) / 8));
  stage("dmd", linkToDmd, dmdToCamera, "dmd", dmdPeriod_);
  stage("camera", dmdToCamera, cameraToLink, "camera", frameTime_);
  stage("link_out", cameraToLink, linkToHost, "link d2h", link_.transferTime(s.outputs));
  host_ = std::make_unique<OpticalHost>(clock, q, *hostToLink, *linkToHost, *job_, framesPerVector_,
                                        roofline_, *this, t, path());
}

void OpticalProjectionUnit::registerStats() {
  stat("frames", frames_);
  stat("vectors", vectors_);
  stat("frame_time", frameTime_);
  stat("run_time", runTicks_);
  stat("bound_by", boundBy_);
  stat("stage_busy", stageBusy_);
  stat("link_bytes_in", bytesIn_);
  stat("link_bytes_out", bytesOut_);
  formula("frames_per_vector", [this] { return static_cast<double>(framesPerVector_); });
  formula("frames_per_s",
          [this] { return seconds() > 0 ? static_cast<double>(frames_) / seconds() : 0.0; });
  formula("effective_ops_per_s", [this] {
    const JobShape& s = job_->shape();
    return seconds() > 0 ? static_cast<double>(vectors_) * static_cast<double>(s.inputs) *
                               static_cast<double>(s.outputs) / seconds()
                         : 0.0;
  });
  formula("peak_share", [this] {
    const JobShape& s = job_->shape();
    return seconds() > 0 ? static_cast<double>(vectors_) * static_cast<double>(s.inputs) *
                               static_cast<double>(s.outputs) / seconds() / peakOps_
                         : 0.0;
  });
  formula("energy", [this] { return power_ * seconds(); });
  if (functional_) {
    stat("saturated_pixels", saturated_);
    for (const auto& [name, value] : job_->results()) stat(name, *value);
  }
}

double OpticalProjectionUnit::seconds() const {
  return static_cast<double>(runTicks_) / static_cast<double>(kSecond);
}

void OpticalProjectionUnit::start() {
  host_->start();
}

void OpticalProjectionUnit::passCompleted(std::uint64_t pass) {
  if (!functional_) return;
  const std::uint64_t count = job_->vectorsIn(pass);
  job_->inputs(pass, inputs_);
  core_->project(*encoder_, inputs_.data(), count, pass * job_->shape().batch, outputs_);
  job_->consume(pass, outputs_, record_);
  if (results_) results_->append(record_);
}

void OpticalProjectionUnit::finish(bool drained) {
  if (drained && !host_->done())
    throw std::runtime_error(
        fmt::format("{}: the system drained with {} of {} passes done "
                    "(deadlock)",
                    path(), host_->passesDone(), job_->passes()));
  const JobShape& s = job_->shape();
  frames_ = stages_[kCamera - 1]->frames();
  vectors_ = 0;
  for (std::uint64_t p = 0; p < host_->passesDone(); ++p) vectors_ += job_->vectorsIn(p);
  runTicks_ = host_->finishedAt();
  bytesIn_ = stages_[kLinkIn - 1]->frames() * ((s.inputs + 7) / 8);
  bytesOut_ = stages_[kLinkOut - 1]->frames() * s.outputs;
  stageBusy_[kHost] = host_->busy();
  for (unsigned k = kLinkIn; k < kStages; ++k) stageBusy_[k] = stages_[k - 1]->busy();
  boundBy_ = static_cast<std::uint64_t>(std::max_element(stageBusy_.begin(), stageBusy_.end()) -
                                        stageBusy_.begin());
  if (core_) saturated_ = core_->counters().saturated;
  if (results_ && host_->done()) results_->commit();
}

void OpticalProjectionUnit::summarize(SummaryLines& lines) const {
  const JobShape& s = job_->shape();
  const std::string p = path();
  lines.emplace_back(p + " job",
                     fmt::format("{}: {} vectors, {} -> {} features, {} frames/vector "
                                 "({}){}",
                                 job_->kind(), s.vectors, s.inputs, s.outputs, framesPerVector_,
                                 s.mode == ProjectionMode::kLinear ? "linear" : "intensity",
                                 functional_ ? "" : ", timing only"));
  lines.emplace_back(p + " frames", fmt::format("{} in {} ({:.1f} frames/s; camera frame {})",
                                                frames_, units::formatTime(runTicks_),
                                                seconds() > 0 ? frames_ / seconds() : 0.0,
                                                units::formatTime(frameTime_)));
  const double ops =
      seconds() > 0 ? static_cast<double>(vectors_) * s.inputs * s.outputs / seconds() : 0.0;
  lines.emplace_back(
      p + " effective",
      fmt::format("{:.4g} TeraOPS ({:.2f}% of the {:.4g} TeraOPS peak), {:.4g} J", ops / 1e12,
                  100 * ops / peakOps_, peakOps_ / 1e12, power_ * seconds()));
  std::string busy;
  for (unsigned k = 0; k < kStages; ++k)
    busy += fmt::format(
        "{}{} {:.1f}%", k ? ", " : "", stageName(k),
        runTicks_ ? 100.0 * static_cast<double>(stageBusy_[k]) / static_cast<double>(runTicks_)
                  : 0.0);
  lines.emplace_back(p + " bound by",
                     fmt::format("{} (code {}; busy: {})",
                                 stageName(static_cast<unsigned>(boundBy_)), boundBy_, busy));
  job_->summarize(p, lines);
}

XPUSIM_REGISTER_COMPONENT(OpticalProjectionUnit)

}  // namespace xpusim
