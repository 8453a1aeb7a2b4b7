// Reading inputs with a size limit, and the sizes people write on the command line.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "core/files.h"

using annals::parse_size;
using annals::read_file;

TEST_CASE("parse_size: bytes and binary units") {
  CHECK(parse_size("0") == 0u);
  CHECK(parse_size("1048576") == 1048576u);
  CHECK(parse_size("512k") == 512u << 10);
  CHECK(parse_size("64M") == std::uint64_t{64} << 20);
  CHECK(parse_size("64MB") == std::uint64_t{64} << 20);
  CHECK(parse_size("64MiB") == std::uint64_t{64} << 20);
  CHECK(parse_size("1G") == std::uint64_t{1} << 30);
  CHECK(parse_size("2T") == std::uint64_t{2} << 40);
  CHECK(parse_size("100B") == 100u);
  CHECK_FALSE(parse_size(""));
  CHECK_FALSE(parse_size("M"));
  CHECK_FALSE(parse_size("-1"));
  CHECK_FALSE(parse_size("1.5G"));
  CHECK_FALSE(parse_size("64 M"));
  CHECK_FALSE(parse_size("12Q"));
  CHECK_FALSE(parse_size("64Mx"));
  CHECK_FALSE(parse_size("99999999999999999999"));   // over 2^64
  CHECK_FALSE(parse_size("17179869184G"));           // 2^34 GiB = 2^64 bytes
}

TEST_CASE("read_file: the limit is exact, and the message names the sizes") {
  const auto path = std::filesystem::temp_directory_path() / ("annals_read_file." + std::to_string(::getpid()));
  { std::ofstream(path, std::ios::binary) << std::string(3000, 'x'); }
  CHECK(read_file(path)->size() == 3000);
  CHECK(read_file(path, 3000)->size() == 3000);
  auto over = read_file(path, 2048);
  REQUIRE(!over);
  CHECK(over.error().str() == path.string() + ": document of 2.9 KiB is over the limit of 2 KiB (--max-doc-size); split it into documents");
  CHECK(over.error().status == annals::Status::input);
  std::filesystem::remove(path);
  auto missing = read_file(path);
  REQUIRE(!missing);
  CHECK(missing.error().str().find("cannot open: No such file or directory") != std::string::npos);
  auto dir = read_file(std::filesystem::temp_directory_path());
  REQUIRE(!dir);
  CHECK(dir.error().str().find("is a directory, not a file") != std::string::npos);
}
