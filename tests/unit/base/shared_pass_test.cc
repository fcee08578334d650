#include "core/base/shared_pass.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace pushgate {
namespace {

TEST(SharedPass, EveryItemOnceFinishOnceAndEveryCallerSeesTheResult) {
  for (int round = 0; round < 50; ++round) {
    SharedPass pass;
    constexpr std::size_t kItems = 200;
    std::vector<std::atomic<int>> done(kItems);
    std::atomic<int> plans{0};
    std::atomic<int> finishes{0};
    std::atomic<long> sum{-1};  // written by finish only
    std::vector<std::thread> threads;
    std::atomic<int> saw_result{0};
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        pass.run(
            [&] {
              ++plans;
              return kItems;
            },
            [&](std::size_t i) { ++done[i]; },
            [&] {
              ++finishes;
              long s = 0;
              for (auto& d : done) s += d.load();
              sum = s;
            });
        if (sum.load() == static_cast<long>(kItems)) ++saw_result;
      });
    }
    for (std::thread& t : threads) t.join();
    EXPECT_EQ(plans.load(), 1);
    EXPECT_EQ(finishes.load(), 1);
    for (auto& d : done) EXPECT_EQ(d.load(), 1);
    EXPECT_EQ(saw_result.load(), 4);  // nobody returned before finish
  }
}

TEST(SharedPass, NoItemsStillFinishesAndALateCallerDoesNothingAgain) {
  SharedPass pass;
  int finishes = 0;
  pass.run([] { return std::size_t{0}; }, [](std::size_t) { FAIL(); }, [&] { ++finishes; });
  pass.run([] { return std::size_t{3}; }, [](std::size_t) { FAIL(); }, [&] { ++finishes; });
  EXPECT_EQ(finishes, 1);
}

TEST(SharedPass, AFailedItemIsRethrownToEveryCallerAndNeverFinishes) {
  SharedPass pass;
  std::atomic<int> finishes{0};
  std::atomic<int> thrown{0};
  auto call = [&] {
    try {
      pass.run([] { return std::size_t{64}; },
               [](std::size_t i) {
                 if (i == 7) throw std::runtime_error("item 7");
               },
               [&] { ++finishes; });
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "item 7");
      ++thrown;
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) threads.emplace_back(call);
  for (std::thread& t : threads) t.join();
  call();  // later: still failed, not done
  EXPECT_EQ(thrown.load(), 4);
  EXPECT_EQ(finishes.load(), 0);
}

}  // namespace
}  // namespace pushgate
