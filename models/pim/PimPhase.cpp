#include "models/pim/PimPhase.h"

namespace xpusim {

DramAddress pimRankAddress(const DramOrganisation& org, std::uint32_t channel, std::uint32_t rank) {
  DramAddress a;
  a.channel = channel;
  a.pseudoChannel = rank / org.ranks;
  a.rank = rank % org.ranks;
  return a;
}

PimSetupWrites::PimSetupWrites(std::uint32_t step, const DramOrganisation& org,
                               std::uint32_t channel, std::uint32_t writesPerRank)
    : PimPhase(step),
      org_(org),
      channel_(channel),
      total_(std::uint64_t{writesPerRank} * org.ranksPerChannel()) {}

bool PimSetupWrites::feed(DramController& ctrl, Cycle now) {
  const std::uint32_t ranks = org_.ranksPerChannel();
  for (; queued_ < total_ && ctrl.canAccept(0, 1); ++queued_) {
    DramAddress a = pimRankAddress(org_, channel_, static_cast<std::uint32_t>(queued_ % ranks));
    a.row = org_.rows - 1;
    a.column = static_cast<std::uint32_t>(queued_ / ranks % org_.burstsPerRow());
    ctrl.enqueue(a, true, pimOwner(0, PimOwnerKind::kHost), now);
  }
  return queued_ < total_;
}

PimPrograms::PimPrograms(std::uint32_t step, std::vector<PimRankProgram> programs)
    : PimPhase(step), programs_(std::move(programs)) {
  for (const PimRankProgram& p : programs_) total_ += p.commands();
}

bool PimPrograms::feed(DramController& ctrl, Cycle) {
  bool more = false;
  for (std::uint32_t r = 0; r < programs_.size(); ++r) {
    PimRankProgram& p = programs_[r];
    while (!p.done() && ctrl.canAcceptPim(r)) {
      DramPimOp op = p.next(0);
      const bool mac = op.cmd == DramCommand::kMacAb || op.cmd == DramCommand::kMacSb;
      op.owner = pimOwner(r, mac ? PimOwnerKind::kMac : PimOwnerKind::kPimOther);
      ctrl.enqueuePim(op);
    }
    more = more || !p.done();
  }
  return more;
}

PimHostStream::PimHostStream(std::uint32_t step, const DramOrganisation& org, std::uint32_t channel,
                             std::uint64_t reads, std::uint64_t writes)
    : PimPhase(step), org_(org), channel_(channel), reads_(reads), writes_(writes) {}

DramAddress PimHostStream::address(std::uint64_t i, bool write) const {
  DramAddress a;
  a.channel = channel_;
  a.bankGroup = static_cast<std::uint32_t>(i % org_.bankGroups);
  i /= org_.bankGroups;
  const auto rank = static_cast<std::uint32_t>(i % org_.ranksPerChannel());
  a.pseudoChannel = rank / org_.ranks, a.rank = rank % org_.ranks;
  i /= org_.ranksPerChannel();
  a.column = static_cast<std::uint32_t>(i % org_.burstsPerRow());
  i /= org_.burstsPerRow();
  a.bank = static_cast<std::uint32_t>(i % org_.banks);
  a.row =
      static_cast<std::uint32_t>(i / org_.banks % (org_.rows / 2) + (write ? org_.rows / 2 : 0));
  return a;
}

bool PimHostStream::feed(DramController& ctrl, Cycle now) {
  const std::uint32_t owner = pimOwner(0, PimOwnerKind::kHost);
  for (; queued_ < reads_ && ctrl.canAccept(1, 0); ++queued_)
    ctrl.enqueue(address(queued_, false), false, owner, now);
  for (; queued_ >= reads_ && queued_ < reads_ + writes_ && ctrl.canAccept(0, 1); ++queued_)
    ctrl.enqueue(address(queued_ - reads_, true), true, owner, now);
  return queued_ < reads_ + writes_;
}

}  // namespace xpusim
