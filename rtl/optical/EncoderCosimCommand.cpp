#include "rtl/optical/EncoderCosimCommand.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "rtl/cosim/CosimOutcome.h"
#include "rtl/optical/EncoderCosim.h"
#include "sim/cli/Commands.h"

namespace xpusim::rtl {

void EncoderCosimCommand::addOptions(CLI::App& cmd) {
  cmd.add_option("--mode", mode_, "threshold or bitplane")
      ->required()
      ->check(CLI::IsMember({"threshold", "bitplane"}));
  cmd.add_option("--features", features_, "samples per vector (DMD pixels), 1 to 1024")->required();
  cmd.add_option("--seed", seed_, "seed of the Q7.8 samples")->required();
  cmd.add_option("--vectors", vectors_, "vectors in the batch (default 2)");
  cmd.add_option("--precision", precision_, "bitplane: bits per magnitude, 1 to 8 (default 6)");
  cmd.add_flag("--signed", signed_, "bitplane: separate planes for negative values");
  cmd.add_option("--threshold", threshold_, "threshold: pixel on when x > this (Q7.8, default 0)");
  cmd.add_option("--width", width_, "DMD mirrors per row, 1 to 64 (default 64)");
  cmd.add_option("--col0", col0_, "first column of the active area (default 0)");
  cmd.add_option("--cols", cols_, "columns of the active area (default: width - col0)");
  cmd.add_option("--row0", row0_, "first row of the active area (default 0)");
  cmd.add_option("--height", height_, "DMD rows per frame (default: row0 + active rows)");
  cmd.add_option("--pad", pad_, "mirrors outside the active area: 0 off, 1 on (default 0)")
      ->check(CLI::Range(0, 1));
  waves_.add(cmd);
  cmd.add_flag("--relaxed", relaxed_, "payloads must match, cycle deltas reported");
}

int EncoderCosimCommand::run(std::ostream& out, std::ostream& err) {
  using cli::kExitBadInput;
  EncoderCosimCase c;
  const bool bitplane = mode_ == "bitplane";
  c.encoding.kind =
      bitplane ? optical::EncodingSpec::Kind::kBitPlane : optical::EncodingSpec::Kind::kThreshold;
  c.encoding.precision = precision_;
  c.encoding.isSigned = signed_;
  c.encoding.threshold = threshold_;
  c.features = features_;
  c.vectors = vectors_;
  c.seed = seed_;
  c.layout.width = width_;
  c.layout.col0 = col0_;
  c.layout.cols = cols_ ? *cols_ : (width_ > col0_ ? width_ - col0_ : 0);
  c.layout.row0 = row0_;
  c.layout.pad = pad_ == 1;
  c.layout.height = height_ ? *height_ : c.layout.cols ? row0_ + c.layout.activeRows(features_) : 0;
  c.mode = relaxed_ ? cosim::CheckMode::kRelaxed : cosim::CheckMode::kExact;
  if (const std::string bad = checkEncoderCase(c); !bad.empty()) {
    fmt::print(err, "error: {}\n", bad);
    return kExitBadInput;
  }
  const auto wave = waves_.window(err);
  if (!wave) return kExitBadInput;
  c.wave = *wave;

  const EncoderCosimResult r = runEncoderCosim(c);
  fmt::print(out, "cosim optical {}{} features {} vectors {} seed {}\n", mode_,
             bitplane ? fmt::format(" precision {}{}", precision_, signed_ ? " signed" : "")
                      : fmt::format(" threshold {}", threshold_),
             c.features, c.vectors, c.seed);
  fmt::print(out, "  dmd: {} rows x {} mirrors, active {} columns from {}, rows from {}, pad {}\n",
             c.layout.height, c.layout.width, c.layout.cols, c.layout.col0, c.layout.row0,
             c.layout.pad ? 1 : 0);
  fmt::print(out, "  frames: {} ({} per vector), row words: {}\n", r.frames, r.frames / c.vectors,
             r.rowWords);
  printSides(out, r, c.mode);
  return printVerdict(out, r, c.wave, r.agrees(c.mode));
}

XPUSIM_REGISTER_COSIM(EncoderCosimCommand, "optical",
                      "OPU input encoder model vs Verilated RTL, one batch of samples")

}  // namespace xpusim::rtl
