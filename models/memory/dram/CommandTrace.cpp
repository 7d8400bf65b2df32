#include "models/memory/dram/CommandTrace.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/output/AtomicFile.h"

namespace xpusim {

void CommandTrace::write(const std::filesystem::path& file) {
  std::stable_sort(records_.begin(), records_.end(), [](const Record& a, const Record& b) {
    return a.cycle < b.cycle || (a.cycle == b.cycle && a.address.channel < b.address.channel);
  });
  writeFileAtomically(file, [&](std::ostream& out) {
    out << "cycle,command,channel,pseudo_channel,rank,bankgroup,bank,row,column\n";
    for (const Record& r : records_) {
      const DramAddress& a = r.address;
      const DramCommand c = r.command;
      const bool bank = commandScope(c) == DramLevel::kBank;
      const bool row = c == DramCommand::kAct || isColumnCommand(c);
      out << fmt::format("{},{},{},{},{},{},{},{},{}\n", r.cycle, dramCommandName(c), a.channel,
                         a.pseudoChannel, a.rank, bank ? std::int64_t{a.bankGroup} : -1,
                         bank ? std::int64_t{a.bank} : -1, row ? std::int64_t{a.row} : -1,
                         isColumnCommand(c) ? std::int64_t{a.column} : -1);
    }
  });
}

}  // namespace xpusim
