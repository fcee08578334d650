// `check --jobs N` must not change what is reported: the per-file work and the whole-run rules
// (Validator::check_run) run side by side on the workers, and their findings are joined in a
// fixed order. The whole shared corpus, checked as one tree (as `pushgate check ../shared/corpus`
// does), must give the same findings, in the same order, field by field, with 1, 2 and 4
// workers, run after run.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/engine/engine.h"
#include "core/source/directory_snapshot.h"
#include "test_paths.h"

namespace pushgate {
namespace {

// Every field of every finding, in the engine's order (reports sort; this does not).
std::string serialize(const CheckOutcome& outcome) {
  std::string out = std::to_string(outcome.stats.files) + " files, " +
                    std::to_string(outcome.stats.documents) + " documents, " +
                    std::to_string(outcome.stats.bytes) + " bytes\n";
  for (const Finding& f : outcome.findings) {
    out += f.rule + '|' + std::to_string(static_cast<int>(f.severity)) + '|' + f.path + '|' +
           std::to_string(f.position.line) + ':' + std::to_string(f.position.column) + '+' +
           std::to_string(f.span) + '|' + f.message + '|' + f.ref + '|' + f.commit + '|' +
           std::to_string(f.document) + '|' + f.object + '|' + f.json_path + '|' + f.source_line +
           '\n';
  }
  return out;
}

std::string check_corpus(const DirectorySnapshot& snapshot, unsigned jobs) {
  const Config config;
  const Engine engine(config, jobs);
  CheckRequest request;
  request.snapshot = &snapshot;
  request.files = snapshot.entries();
  return serialize(engine.check(request));
}

TEST(EngineJobs, CorpusFindingsAreTheSameWithOneTwoAndFourWorkers) {
  const std::string dir = std::string(PUSHGATE_SHARED_DIR) + "/corpus";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << "no shared corpus at " << dir;
  Result<std::unique_ptr<DirectorySnapshot>> snapshot = DirectorySnapshot::open(dir);
  ASSERT_TRUE(snapshot) << snapshot.error().message;
  const std::string serial = check_corpus(*snapshot.value(), 1);
  // The whole-run rules report on this tree: a reordering among them would show.
  ASSERT_NE(serial.find("\ngitops/flux-source-ref|"), std::string::npos);
  ASSERT_NE(serial.find("\ngitops/kustomize-reference|"), std::string::npos);
  for (int round = 0; round < 2; ++round) {
    for (const unsigned jobs : {2u, 4u}) {
      const std::string parallel = check_corpus(*snapshot.value(), jobs);
      // Not EXPECT_EQ on the whole text (megabytes): the first line that differs.
      if (parallel == serial) continue;
      std::size_t at = 0;
      while (at < serial.size() && at < parallel.size() && serial[at] == parallel[at]) ++at;
      const std::size_t line = serial.rfind('\n', at == 0 ? 0 : at - 1);
      const std::size_t from = line == std::string::npos ? 0 : line + 1;
      ADD_FAILURE() << "--jobs " << jobs << " (round " << round << ") differs from --jobs 1 at:\n"
                    << "  jobs 1: " << serial.substr(from, serial.find('\n', from) - from) << "\n"
                    << "  jobs " << jobs << ": "
                    << parallel.substr(from, parallel.find('\n', from) - from);
    }
  }
}

}  // namespace
}  // namespace pushgate
