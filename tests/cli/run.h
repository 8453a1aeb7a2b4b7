// Running the built annals binary from a test: arguments in, exit status and captured
// standard output and error out. posix_spawn, not system(), so a test can also hold the pid
// (to kill a run mid-write) and no shell reinterprets the arguments.
#pragma once

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace annals::test {

/// A scratch folder removed when the test ends.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name) {
    path_ = std::filesystem::temp_directory_path() / (name + "." + std::to_string(::getpid()));
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void spill(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

struct Result {
  int status = -1;     ///< exit status, or 128 + signal number
  std::string out;     ///< standard output
  std::string err;     ///< standard error
  double seconds = 0;  ///< wall time
  long max_rss_kb = 0; ///< peak resident memory
};

/// Starts ANNALS_BINARY with `args`, stdin from /dev/null, stdout and stderr into files of
/// `scratch`. Returns the pid (or -1).
inline pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& scratch,
                   const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv_s{ANNALS_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  const std::string out = (scratch / "stdout").string(), err = (scratch / "stderr").string();
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  // The environment, with `env` ("NAME=value") put first so that it wins.
  std::vector<std::string> env_s = env;
  for (char** e = environ; *e; ++e) env_s.emplace_back(*e);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

/// Waits for `pid`; its peak resident memory in KiB goes to *max_rss_kb when given.
inline int wait_status(pid_t pid, long* max_rss_kb = nullptr) {
  int ws = 0;
  struct rusage ru {};
  while (::wait4(pid, &ws, 0, &ru) < 0) {
  }
  if (max_rss_kb) *max_rss_kb = ru.ru_maxrss;
  if (WIFEXITED(ws)) return WEXITSTATUS(ws);
  if (WIFSIGNALED(ws)) return 128 + WTERMSIG(ws);
  return -1;
}

/// Runs annals to completion. A `cpu_seconds` bound is a resource limit (RLIMIT_CPU) on the
/// child, not a timing: a run that loops or goes quadratic is stopped by SIGXCPU (status
/// 128 + 24) instead of hanging the suite; the load of the machine does not count against it.
inline Result run(const std::vector<std::string>& args, const std::filesystem::path& scratch,
                  const std::vector<std::string>& env = {}, rlim_t cpu_seconds = RLIM_INFINITY) {
  Result r;
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = spawn(args, scratch, env);
  if (pid < 0) return r;
  if (cpu_seconds != RLIM_INFINITY) {
    struct rlimit cpu {cpu_seconds, cpu_seconds + 5};
    ::prlimit(pid, RLIMIT_CPU, &cpu, nullptr);
  }
  r.status = wait_status(pid, &r.max_rss_kb);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.out = slurp(scratch / "stdout");
  r.err = slurp(scratch / "stderr");
  return r;
}

/// Whether `err` is exactly one line "annals: ...\n" (no stack trace, no second line).
inline bool one_line(const std::string& err) {
  return err.rfind("annals: ", 0) == 0 && !err.empty() && err.back() == '\n' &&
         err.find('\n') == err.size() - 1;
}

}  // namespace annals::test
