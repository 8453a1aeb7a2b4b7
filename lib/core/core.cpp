#include "core/diagnostic.h"
#include "core/files.h"
#include "core/paths.h"
#include "core/table.h"
#include "core/token_trie.h"
#include "core/utf8.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ANNALS_RULES_DIR
#error "ANNALS_RULES_DIR must be defined by the build"
#endif

namespace annals {

std::string Diagnostic::str() const {
  std::string out = file;
  if (!file.empty() && line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  if (!out.empty()) out += ": ";
  return out + message;
}

LineColumn line_column(std::string_view text, std::size_t offset) {
  LineColumn lc;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

Diagnostic diagnostic_at(std::string file, std::string_view text, std::size_t offset,
                         std::string message, Status status) {
  auto lc = line_column(text, offset);
  return Diagnostic{std::move(file), lc.line, lc.column, std::move(message), status};
}

// ---------------------------------------------------------------- files

namespace {

/// "64 MiB", "1.5 GiB", "812 bytes": a size as people read it, for messages.
std::string human_size(std::uint64_t n) {
  constexpr const char* kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  std::size_t u = 0;
  while (v >= 1024 && u + 1 < std::size(kUnits)) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  if (u == 0 || v == static_cast<double>(static_cast<std::uint64_t>(v)))
    std::snprintf(buf, sizeof buf, "%.0f %s", v, kUnits[u]);
  else
    std::snprintf(buf, sizeof buf, "%.1f %s", v, kUnits[u]);
  return buf;
}

struct Fd {
  int fd;
  ~Fd() { if (fd >= 0) ::close(fd); }
};

}  // namespace

Expected<std::string> read_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
  auto fail = [&](std::string what) { return Diagnostic{path.string(), 0, 0, std::move(what), Status::input}; };
  auto too_large = [&](std::optional<std::uint64_t> size) {
    return fail("document " + (size ? "of " + human_size(*size) + " " : std::string()) + "is over the limit of " +
                human_size(max_bytes) + " (--max-doc-size); split it into documents");
  };
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return fail(std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return fail(std::string("cannot open: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return fail("is a directory, not a file");
  std::string bytes;
  if (S_ISREG(st.st_mode)) {
    // A regular file's size is known: refuse before reading a byte of one over the limit.
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > max_bytes) return too_large(size);
    bytes.reserve(static_cast<std::size_t>(size));
  }
  // Pipes, devices and files that grow while read: stop one byte past the limit.
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(std::string("read error: ") + std::strerror(errno));
    }
    if (n == 0) break;
    if (bytes.size() + static_cast<std::uint64_t>(n) > max_bytes) return too_large(std::nullopt);
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  return bytes;
}

std::optional<std::uint64_t> parse_size(std::string_view s) {
  std::uint64_t n = 0;
  std::size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (n > (~std::uint64_t{0} - 9) / 10) return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(s[i] - '0');
  }
  if (i == 0) return std::nullopt;
  auto unit = s.substr(i);
  int shift = 0;
  if (!unit.empty()) {
    switch (unit.front()) {
      case 'k': case 'K': shift = 10; break;
      case 'm': case 'M': shift = 20; break;
      case 'g': case 'G': shift = 30; break;
      case 't': case 'T': shift = 40; break;
      case 'b': case 'B': break;
      default: return std::nullopt;
    }
    if (shift) unit.remove_prefix(1);
    if (unit == "iB" || unit == "ib" || unit == "B" || unit == "b") unit = {};
    if (!unit.empty()) return std::nullopt;
  }
  if (shift && n > (~std::uint64_t{0} >> shift)) return std::nullopt;
  return n << shift;
}

std::size_t find_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const CodePoint c = decode_utf8(s, i);
    if (c.length == 0) return i;
    i += c.length;
  }
  return std::string_view::npos;
}

namespace {

/// An unnamed file in `dir` (O_TMPFILE): a run killed before the rename leaves nothing behind.
/// -1 when the kernel or file system cannot (errno set); the caller then names a temporary.
int open_unnamed(const std::filesystem::path& dir) {
#ifdef O_TMPFILE
  return ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
#else
  (void)dir;
  errno = EOPNOTSUPP;
  return -1;
#endif
}

/// Gives the unnamed file `fd` a fresh name beside `path`: "." + filename + "." + pid + counter.
bool link_unnamed(int fd, const std::filesystem::path& path, std::string& name) {
  const std::string proc = "/proc/self/fd/" + std::to_string(fd);
  for (unsigned k = 0; k < 100; ++k) {
    auto dir = path.parent_path();
    if (dir.empty()) dir = ".";
    name = (dir / ("." + path.filename().string() + "." + std::to_string(::getpid()) + "." + std::to_string(k))).string();
    if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) return true;
    if (errno != EEXIST) return false;
  }
  return false;
}

/// Writes straight into something that is not a regular file (/dev/null, a FIFO, a terminal):
/// renaming a temporary over it would replace the device node or the pipe with a file.
Expected<void> write_in_place(const std::filesystem::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return Diagnostic{path.string(), 0, 0, std::string("cannot write: ") + std::strerror(errno), Status::output};
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t w = ::write(fd, p, left);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      int err = errno;
      ::close(fd);
      return Diagnostic{path.string(), 0, 0, std::string("cannot write: ") + std::strerror(err), Status::output};
    }
    p += w;
    left -= static_cast<std::size_t>(w);
  }
  ::close(fd);
  return {};
}

}  // namespace

Expected<void> write_file_atomic(const std::filesystem::path& given, std::string_view bytes) {
  if (given == "-") {
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() || std::fflush(stdout) != 0)
      return Diagnostic{"<stdout>", 0, 0, "write error", Status::output};
    return {};
  }
  // What `given` names: a device or pipe is written in place; a symbolic link is followed, so
  // the rename replaces the file it points to rather than the link.
  std::filesystem::path path = given;
  struct stat st {};
  const bool replaced = ::stat(given.c_str(), &st) == 0;
  if (replaced) {
    if (S_ISDIR(st.st_mode))
      return Diagnostic{given.string(), 0, 0, "cannot write: is a directory", Status::output};
    if (!S_ISREG(st.st_mode)) return write_in_place(given, bytes);
    std::error_code ec;
    auto real = std::filesystem::canonical(given, ec);
    if (!ec) path = real;
  }
  auto dir = path.parent_path();
  if (dir.empty()) dir = ".";
  // Prefer an unnamed temporary (nothing is left if the run is killed while writing); fall
  // back to mkstemp where O_TMPFILE is not supported.
  std::string tmpl;
  int fd = open_unnamed(dir);
  const bool unnamed = fd >= 0;
  if (!unnamed) {
    if (errno == ENOENT || errno == ENOTDIR || errno == EACCES || errno == EROFS)
      return Diagnostic{given.string(), 0, 0, std::string("cannot write: ") + std::strerror(errno),
                        Status::output};
    tmpl = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    fd = ::mkstemp(tmpl.data());
  }
  if (fd < 0)
    return Diagnostic{given.string(), 0, 0, std::string("cannot write: ") + std::strerror(errno),
                      Status::output};
  auto fail = [&](const char* what) -> Expected<void> {
    int err = errno;
    ::close(fd);
    if (!tmpl.empty()) ::unlink(tmpl.c_str());
    return Diagnostic{given.string(), 0, 0, std::string(what) + std::strerror(err), Status::output};
  };
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t w = ::write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write: ");
    }
    p += w;
    left -= static_cast<std::size_t>(w);
  }
  if (::fsync(fd) != 0) return fail("cannot sync: ");
  // A new file is rw-r--r--; a replaced one keeps its mode.
  ::fchmod(fd, replaced ? (st.st_mode & 07777) : 0644);
  if (unnamed && !link_unnamed(fd, path, tmpl)) {
    tmpl.clear();
    return fail("cannot write: ");
  }
  if (::close(fd) != 0) {
    ::unlink(tmpl.c_str());
    return Diagnostic{given.string(), 0, 0, std::string("cannot close: ") + std::strerror(errno),
                      Status::output};
  }
  if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmpl.c_str());
    return Diagnostic{given.string(), 0, 0, std::string("cannot rename into place: ") + std::strerror(err),
                      Status::output};
  }
  return {};
}

// ---------------------------------------------------------------- paths

static std::filesystem::path env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return (v && *v) ? std::filesystem::path(v) : std::filesystem::path(fallback);
}

Paths default_paths() {
  return Paths{env_or("ANNALS_RULES", ANNALS_RULES_DIR),
               env_or("ANNALS_ISO_CODES", "/usr/share/iso-codes/json"),
               env_or("ANNALS_TAGGER", "/usr/share/perl5/Lingua/EN/Tagger"),
               env_or("ANNALS_WORDNET", "/usr/share/wordnet"),
               env_or("ANNALS_SCHEMAS", ANNALS_SCHEMAS_DIR)};
}

// ---------------------------------------------------------------- tables

Diagnostic Table::error(const Row& row, std::size_t field, std::string message) const {
  // Column of the field: count the bytes of the fields before it plus one tab each (an
  // approximation when several tabs separate fields, exact for the usual single tab).
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < field && i < row.fields.size(); ++i)
    col += static_cast<std::uint32_t>(row.fields[i].size() + 1);
  return Diagnostic{file, row.line, col, std::move(message), Status::rules};
}

Expected<Table> read_table(const std::filesystem::path& path, std::size_t min_fields,
                           std::size_t max_fields) {
  auto bytes = read_file(path);
  if (!bytes) {
    auto d = bytes.error();
    d.status = Status::rules;
    return d;
  }
  Table t;
  t.file = path.string();
  if (auto bad = find_invalid_utf8(*bytes); bad != std::string_view::npos)
    return diagnostic_at(t.file, *bytes, bad, "invalid UTF-8", Status::rules);
  std::string_view text = *bytes;
  std::uint32_t line = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view l = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    auto first = l.find_first_not_of(" \t");
    if (first == std::string_view::npos || l[first] == '#') continue;
    Row row{line, {}};
    std::size_t i = 0;
    while (i <= l.size()) {
      auto tab = l.find('\t', i);
      auto field = l.substr(i, tab == std::string_view::npos ? std::string_view::npos : tab - i);
      row.fields.emplace_back(field);
      if (tab == std::string_view::npos) break;
      i = tab + 1;
      while (i < l.size() && l[i] == '\t') ++i;
    }
    if (row.fields.size() < min_fields || row.fields.size() > max_fields) {
      std::ostringstream msg;
      msg << "expected " << min_fields;
      if (max_fields != min_fields) msg << " to " << max_fields;
      msg << " tab-separated fields, found " << row.fields.size();
      return Diagnostic{t.file, line, 1, msg.str(), Status::rules};
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

// ---------------------------------------------------------------- trie

void TokenTrie::place(std::uint64_t key, std::uint32_t child) {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = key & mask;; i = (i + 1) & mask)
    if (slots_[i] == 0) {
      slots_[i] = (key & 0xffffffff00000000ull) | child;
      return;
    }
}

bool TokenTrie::insert(std::span<const std::string> tokens, std::uint32_t payload) {
  if (tokens.empty()) return false;
  std::uint32_t node = 0;
  for (const auto& tok : tokens) {
    auto child = find_child(node, tok);
    if (!child) {
      auto id = static_cast<std::uint32_t>(payload_.size());
      payload_.push_back(kNone);
      parent_.push_back(node);
      label_.push_back(tok);
      // At most half full; node 0 (the root) is never a child, so a slot of 0 means empty.
      if (payload_.size() * 2 > slots_.size()) {
        slots_.assign(slots_.size() * 2, 0);
        for (std::uint32_t c = 1; c < id; ++c) place(edge_key(parent_[c], label_[c]), c);
      }
      place(edge_key(node, tok), id);
      child = id;
    }
    node = *child;
  }
  if (payload_[node] == kNone) {
    payload_[node] = payload;
    ++phrases_;
  }
  return true;
}

std::optional<std::uint32_t> TokenTrie::find(std::span<const std::string> tokens) const {
  std::uint32_t node = 0;
  for (const auto& tok : tokens) {
    auto child = find_child(node, tok);
    if (!child) return std::nullopt;
    node = *child;
  }
  if (payload_[node] == kNone) return std::nullopt;
  return payload_[node];
}

}  // namespace annals
