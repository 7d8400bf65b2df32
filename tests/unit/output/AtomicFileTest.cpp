#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "sim/output/AtomicFile.h"

namespace fs = std::filesystem;
using xpusim::AtomicFile;
using xpusim::writeFileAtomically;

namespace {

/// A fresh directory removed at the end of the test.
struct ScratchDir {
  fs::path path;
  explicit ScratchDir(const std::string& name)
      : path(fs::temp_directory_path() /
             ("xpusim_atomic_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() { fs::remove_all(path); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {}));
  }
};

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("writeFileAtomically writes the target and leaves no temporary", "[output]") {
  ScratchDir dir("write");
  const fs::path target = dir.path / "stats.txt";
  writeFileAtomically(target, [](std::ostream& out) { out << "hello\n"; });
  CHECK(readAll(target) == "hello\n");
  writeFileAtomically(target, [](std::ostream& out) { out << "replaced"; });
  CHECK(readAll(target) == "replaced");
  CHECK(dir.entries() == 1);
}

TEST_CASE("A writer that throws leaves the target unchanged", "[output]") {
  ScratchDir dir("throw");
  const fs::path target = dir.path / "stats.json";
  writeFileAtomically(target, [](std::ostream& out) { out << "{\"old\":1}"; });
  CHECK_THROWS_WITH(writeFileAtomically(target,
                                        [](std::ostream& out) {
                                          out << "{\"new\":";
                                          throw std::runtime_error("model failed");
                                        }),
                    "model failed");
  CHECK(readAll(target) == "{\"old\":1}");
  CHECK(dir.entries() == 1);
}

TEST_CASE("AtomicFile writes to a temporary until commit", "[output]") {
  ScratchDir dir("commit");
  const fs::path target = dir.path / "trace.json";
  {
    AtomicFile file(target);
    CHECK(file.temporary() == dir.path / ("trace.json.tmp." + std::to_string(::getpid())));
    file.stream() << "partial";
    file.stream().flush();
    CHECK(fs::exists(file.temporary()));
    CHECK_FALSE(fs::exists(target));
  }
  CHECK(dir.entries() == 0);

  AtomicFile file(target);
  file.stream() << "complete";
  file.commit();
  CHECK(file.committed());
  CHECK(readAll(target) == "complete");
  CHECK_FALSE(fs::exists(file.temporary()));
  CHECK_THROWS_AS(file.commit(), std::logic_error);
  CHECK_THROWS_AS(file.stream(), std::logic_error);
}

TEST_CASE("Missing directories are created, impossible ones throw", "[output]") {
  ScratchDir dir("dirs");
  const fs::path nested = dir.path / "a" / "b" / "out.csv";
  writeFileAtomically(nested, [](std::ostream& out) { out << "x\n"; });
  CHECK(readAll(nested) == "x\n");

  const fs::path blocker = dir.path / "file";
  writeFileAtomically(blocker, [](std::ostream& out) { out << "not a directory"; });
  try {
    AtomicFile bad(blocker / "child" / "out.txt");
    FAIL("expected an exception");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains((blocker / "child").string()));
  }
  CHECK_THROWS_AS(AtomicFile(dir.path / "no_such" / ""), std::runtime_error);
}
