// Helpers shared by the verbs: expanding inputs and parsing --dct.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <date/date.h>

namespace annals::cli {

/// Files as given, and the *.txt files of each directory given (sorted, not recursive).
/// Throws Failure for a path that does not exist.
std::vector<std::filesystem::path> expand_inputs(const std::vector<std::string>& args, const char* extension = ".txt");

/// The --max-doc-size option of the verbs that read documents (`extract`, `tag`).
void add_max_doc_size(CLI::App& cmd, std::string& value);

/// Parses --max-doc-size ("64M", "1G", bytes); throws Failure with Status::usage.
std::uint64_t parse_max_doc_size(const std::string& s);

/// Parses --dct strictly ("2015-02-29" is an error); throws Failure with Status::usage.
date::year_month_day parse_dct(const std::string& s);

}  // namespace annals::cli
