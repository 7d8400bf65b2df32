#pragma once
// Builds flash timing/geometry from YAML text and runs ops on a bare FlashArray.
#include <string>
#include <vector>

#include "models/flash/array/FlashArray.h"
#include "sim/config/ConfigLoader.h"

namespace xpusim::test {

/// MQSim's default device (configs/flash/mqsim_mlc_device.yaml): ONFI values.
inline const char* kMqsimTiming =
    "channel_rate: 333\ncell_type: mlc\nt_read_lsb: 75us\nt_read_msb: 75us\n"
    "t_prog_lsb: 750us\nt_prog_msb: 750us\nt_erase: 3.8ms\n";
inline const char* kMqsimGeometry =
    "channels: 8\nchips_per_channel: 4\ndies_per_chip: 2\nplanes_per_die: 2\n"
    "blocks_per_plane: 2048\npages_per_block: 256\npage_size: 8KiB\n";

inline flash::OnfiTiming timingFrom(const std::string& yaml) {
  const ConfigNode node = ConfigLoader::loadText(yaml, "timing.yaml");
  const auto specs = flash::OnfiTiming::params();
  ParamReader reader(node, "t", specs, {});
  return flash::OnfiTiming::read(reader);
}

inline flash::FlashGeometry geometryFrom(const std::string& yaml) {
  const ConfigNode node = ConfigLoader::loadText(yaml, "geometry.yaml");
  const auto specs = flash::FlashGeometry::params();
  ParamReader reader(node, "g", specs, {});
  return flash::FlashGeometry::read(reader);
}

/// Records completion times.
struct Recorder : flash::FlashArray::Listener {
  std::vector<Tick> done;
  void flashOpDone(flash::FlashOp& op) override { done.push_back(op.completed); }
};

}  // namespace xpusim::test
