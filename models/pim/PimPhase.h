#pragma once
#include <cstdint>
#include <vector>

#include "models/memory/dram/DramController.h"
#include "models/pim/PimRankProgram.h"

namespace xpusim {

/// What a completion of a PIM channel run belongs to: owner = rank << 2 | kind.
enum class PimOwnerKind : std::uint32_t { kMac = 0, kPimOther = 1, kHost = 2 };
inline std::uint32_t pimOwner(std::uint32_t rank, PimOwnerKind kind) {
  return rank << 2 | static_cast<std::uint32_t>(kind);
}
inline PimOwnerKind pimOwnerKind(std::uint32_t owner) {
  return static_cast<PimOwnerKind>(owner & 3);
}
inline std::uint32_t pimOwnerRank(std::uint32_t owner) {
  return owner >> 2;
}

/// The address of rank `rank` (a rank index: pseudo-channel x ranks + rank) of `channel`, bank 0.
DramAddress pimRankAddress(const DramOrganisation& org, std::uint32_t channel, std::uint32_t rank);

/// A piece of work one channel runs as a whole: commands fed to its controller in order as the
/// queues take them. The channel starts its next phase when the last data of this one has moved.
class PimPhase {
 public:
  explicit PimPhase(std::uint32_t step) : step_(step) {}
  virtual ~PimPhase() = default;
  /// Queues what fits in `ctrl` at cycle `now`; returns false once everything is queued.
  virtual bool feed(DramController& ctrl, Cycle now) = 0;
  /// Transactions and PIM commands queued in all (each completes once).
  virtual std::uint64_t commands() const = 0;
  /// The kernel step the phase belongs to (per-step figures).
  std::uint32_t step() const { return step_; }

 private:
  std::uint32_t step_;
};

/// Host writes that set the units up (HBM-PIM mode changes, instruction-register writes):
/// `writesPerRank` bursts to the reserved (last) row of bank 0 of every rank of the channel.
class PimSetupWrites : public PimPhase {
 public:
  PimSetupWrites(std::uint32_t step, const DramOrganisation& org, std::uint32_t channel,
                 std::uint32_t writesPerRank);
  bool feed(DramController& ctrl, Cycle now) override;
  std::uint64_t commands() const override { return total_; }

 private:
  DramOrganisation org_;
  std::uint32_t channel_;
  std::uint64_t total_, queued_ = 0;
};

/// The PIM command streams of the channel's ranks, each rank's in order.
class PimPrograms : public PimPhase {
 public:
  PimPrograms(std::uint32_t step, std::vector<PimRankProgram> programs);
  bool feed(DramController& ctrl, Cycle now) override;
  std::uint64_t commands() const override { return total_; }

 private:
  std::vector<PimRankProgram> programs_;
  std::uint64_t total_ = 0;
};

/// A host doing a step itself: `reads` bursts of operands streamed in, then `writes` bursts of
/// results written back (to the upper half of the rows). Burst k: bank group fastest (tCCD_S
/// spacing), then rank, column, bank, row.
class PimHostStream : public PimPhase {
 public:
  PimHostStream(std::uint32_t step, const DramOrganisation& org, std::uint32_t channel,
                std::uint64_t reads, std::uint64_t writes);
  bool feed(DramController& ctrl, Cycle now) override;
  std::uint64_t commands() const override { return reads_ + writes_; }

 private:
  DramAddress address(std::uint64_t burst, bool write) const;

  DramOrganisation org_;
  std::uint32_t channel_;
  std::uint64_t reads_, writes_, queued_ = 0;
};

}  // namespace xpusim
