// SyslogSink: RFC 3164 datagrams ("<PRI>Mmm dd hh:mm:ss pushgate[pid]: msg", facility auth,
// no host name: the local form a daemon reads the program name from)
// delivered to a real Unix datagram socket bound by the test; delivery failures are errors.
#include "core/audit/syslog_sink.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <ctime>

#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;

// A bound AF_UNIX datagram socket: what a syslog daemon listens on.
class Listener {
 public:
  explicit Listener(const std::string& path) : fd_(::socket(AF_UNIX, SOCK_DGRAM, 0)) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.data(), path.size());
    bound_ =
        fd_ >= 0 && ::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~Listener() {
    if (fd_ >= 0) ::close(fd_);
  }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  bool bound() const { return bound_; }
  std::string receive() const {
    std::array<char, 65536> buffer{};
    const ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), MSG_DONTWAIT);
    return n < 0 ? std::string("<nothing>") : std::string(buffer.data(), static_cast<size_t>(n));
  }

 private:
  int fd_;
  bool bound_ = false;
};

std::chrono::system_clock::time_point local_time(int year, int month, int day, int hour, int min,
                                                 int sec) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = min;
  tm.tm_sec = sec;
  tm.tm_isdst = -1;
  return std::chrono::system_clock::from_time_t(std::mktime(&tm));
}

TEST(SyslogSinkTest, FormatsRfc3164WithFacilityAuth) {
  const auto when = local_time(2026, 11, 6, 9, 5, 7);
  EXPECT_EQ(SyslogSink::format(SyslogLevel::kNotice, "{\"a\":1}", when, 42),
            "<37>Nov  6 09:05:07 pushgate[42]: {\"a\":1}");
  EXPECT_EQ(SyslogSink::format(SyslogLevel::kWarning, "x", local_time(2026, 1, 31, 23, 59, 59), 7),
            "<36>Jan 31 23:59:59 pushgate[7]: x");
}

TEST(SyslogSinkTest, SendsOneDatagramPerMessageToTheSocket) {
  TempDir dir;
  const std::string path = dir / "log.sock";
  Listener listener(path);
  ASSERT_TRUE(listener.bound()) << std::strerror(errno);
  Result<SyslogSink> sink = SyslogSink::open(path);
  ASSERT_TRUE(sink) << sink.error().message;
  const auto now = std::chrono::system_clock::now();
  ASSERT_TRUE(sink.value().send(SyslogLevel::kWarning, "{\"decision\":\"reject\"}", now));
  ASSERT_TRUE(sink.value().send(SyslogLevel::kNotice, "second", now));
  const std::string first = listener.receive();
  EXPECT_TRUE(first.starts_with("<36>")) << first;
  EXPECT_TRUE(
      first.ends_with(" pushgate[" + std::to_string(::getpid()) + "]: {\"decision\":\"reject\"}"))
      << first;
  const std::string second = listener.receive();
  EXPECT_TRUE(second.starts_with("<37>")) << second;
  EXPECT_TRUE(second.ends_with("]: second")) << second;
  EXPECT_EQ(listener.receive(), "<nothing>");
}

TEST(SyslogSinkTest, NoListenerIsAnErrorNamingTheSocket) {
  TempDir dir;
  const std::string path = dir / "nobody.sock";
  Result<SyslogSink> sink = SyslogSink::open(path);
  ASSERT_FALSE(sink);
  EXPECT_NE(sink.error().message.find("cannot connect to the syslog socket " + path),
            std::string::npos)
      << sink.error().message;
  EXPECT_FALSE(SyslogSink::open(std::string(200, 'x')));  // longer than sun_path
}

TEST(SyslogSinkTest, AListenerThatWentAwayIsAnError) {
  TempDir dir;
  const std::string path = dir / "log.sock";
  Result<SyslogSink> sink = [&] {
    Listener listener(path);
    EXPECT_TRUE(listener.bound());
    return SyslogSink::open(path);
  }();
  ASSERT_TRUE(sink) << sink.error().message;
  Status sent = sink.value().send(SyslogLevel::kNotice, "late", std::chrono::system_clock::now());
  ASSERT_FALSE(sent);
  EXPECT_NE(sent.error().message.find("syslog socket " + path), std::string::npos)
      << sent.error().message;
}

}  // namespace
}  // namespace pushgate
