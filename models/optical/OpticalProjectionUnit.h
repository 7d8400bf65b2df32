#pragma once
#include <array>
#include <memory>
#include <vector>

#include "models/optical/CameraModel.h"
#include "models/optical/FrameStage.h"
#include "models/optical/HostModels.h"
#include "models/optical/OpticalCore.h"
#include "models/optical/OpticalHost.h"
#include "models/optical/OpticalJob.h"
#include "models/optical/RandomMedium.h"
#include "models/optical/ResultFile.h"
#include "sim/core/Component.h"

namespace xpusim {

/// A LightOn-style optical projection unit (OPU) with its host, running one job (`--workload`).
///
/// Frame pipeline (one engine stage each, frame granularity, consecutive frames overlap):
///   host (encode) -> link h2d (n/8 bytes) -> DMD (pattern period) -> camera (max(readout,
///   exposure) + overhead) -> link d2h (one byte per output) -> host (after-work).
/// Stages are joined by DAM channels (capacity = buffer frames); the slowest stage sets the
/// frame rate and is reported as `bound_by`. Functionally (`functional: true`) every pass is
/// projected for real: y = |xR|^2 or Re(xR) through the camera model (see OpticalCore).
class OpticalProjectionUnit : public Component, public optical::PassListener {
 public:
  /// Stage codes of the `bound_by` statistic, in pipeline order.
  enum StageCode { kHost = 0, kLinkIn = 1, kDmd = 2, kCamera = 3, kLinkOut = 4, kStages = 5 };
  static const char* stageName(unsigned code);

  static ComponentInfo describe();
  explicit OpticalProjectionUnit(BuildContext& ctx);
  ~OpticalProjectionUnit() override;

  void start() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;
  void passCompleted(std::uint64_t pass) override;

 private:
  using FrameChannel = Channel<optical::FrameToken>;
  void readDevice();
  void checkJobFits();
  void buildPipeline(Tick handoff, std::uint64_t dmaFrames, std::uint64_t inFrames,
                     std::uint64_t outFrames);
  void registerStats();
  double seconds() const;

  bool functional_;
  std::unique_ptr<optical::OpticalJob> job_;
  optical::CameraSpec cameraSpec_;
  optical::HostLink link_;
  optical::HostRoofline roofline_;
  optical::HolographySpec holography_;
  std::uint64_t dmdPixels_ = 0;
  Tick dmdPeriod_ = 0;
  double power_ = 0;
  double peakOps_ = 0;
  std::uint64_t mediumSeed_ = 0;
  unsigned framesPerVector_ = 0;

  std::unique_ptr<optical::RandomMedium> medium_;
  std::unique_ptr<optical::CameraModel> camera_;
  std::unique_ptr<optical::InputEncoder> encoder_;
  std::unique_ptr<optical::OpticalCore> core_;
  std::unique_ptr<optical::ResultFile> results_;
  std::vector<double> inputs_, outputs_, record_;

  std::vector<std::unique_ptr<FrameChannel>> channels_;
  std::vector<std::unique_ptr<optical::FrameStage>> stages_;  // link in, DMD, camera, link out
  std::unique_ptr<optical::OpticalHost> host_;

  std::uint64_t frames_ = 0;
  std::uint64_t vectors_ = 0;
  std::uint64_t runTicks_ = 0;
  std::uint64_t frameTime_ = 0;
  std::uint64_t boundBy_ = 0;
  std::uint64_t bytesIn_ = 0;
  std::uint64_t bytesOut_ = 0;
  std::uint64_t saturated_ = 0;
  std::vector<std::uint64_t> stageBusy_ = std::vector<std::uint64_t>(kStages, 0);
};

}  // namespace xpusim
