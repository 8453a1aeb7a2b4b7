// Reading inputs whole and writing outputs atomically (temporary file, then rename).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.h"

namespace annals {

/// Files annals reads whole have no limit but memory; documents do (`kMaxDocumentBytes`).
inline constexpr std::uint64_t kNoSizeLimit = ~std::uint64_t{0};

/// The default largest document `extract` and `tag` read (`--max-doc-size`). The pipeline
/// holds about 20–150 bytes of memory per byte of text (tokens, mentions, the graph and its
/// JSON), so a 1 GB file is refused, before it is read, rather than exhausting memory.
inline constexpr std::uint64_t kMaxDocumentBytes = std::uint64_t{64} << 20;

/// The whole file as bytes. Errors name the path ("cannot open", "is a directory", "larger
/// than the limit of 64 MiB"): a regular file over `max_bytes` is refused from its size, a pipe
/// or device as soon as it gives one byte more, so memory stays bounded either way.
Expected<std::string> read_file(const std::filesystem::path& path, std::uint64_t max_bytes = kNoSizeLimit);

/// Parses a size such as "64M", "1G", "512k" or "1048576" (bytes; K, M, G, T are powers of
/// 1024, an optional trailing "B" or "iB" is allowed); nullopt when it is not one.
std::optional<std::uint64_t> parse_size(std::string_view s);

/// Byte offset of the first invalid UTF-8 sequence in `text`, or npos when it is all valid.
std::size_t find_invalid_utf8(std::string_view text);

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// failed or interrupted run leaves any previous file intact. The temporary is unnamed
/// (O_TMPFILE) until complete, so a killed run leaves nothing behind. "-" writes to standard
/// output; a device or FIFO (/dev/null, a pipe) is written in place, never replaced; a symbolic
/// link is followed; a replaced file keeps its mode.
Expected<void> write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace annals
