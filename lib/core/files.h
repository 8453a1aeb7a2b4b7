// Reading inputs whole and writing outputs atomically (temporary file, then rename).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/diagnostic.h"

namespace annals {

/// The whole file as bytes. Errors name the path ("cannot open", "is a directory").
Expected<std::string> read_file(const std::filesystem::path& path);

/// Byte offset of the first invalid UTF-8 sequence in `text`, or npos when it is all valid.
std::size_t find_invalid_utf8(std::string_view text);

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// failed or interrupted run leaves any previous file intact. The temporary is unnamed
/// (O_TMPFILE) until complete, so a killed run leaves nothing behind. "-" writes to standard
/// output; a device or FIFO (/dev/null, a pipe) is written in place, never replaced; a symbolic
/// link is followed; a replaced file keeps its mode.
Expected<void> write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace annals
