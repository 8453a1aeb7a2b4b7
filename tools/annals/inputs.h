// Helpers shared by the verbs: expanding inputs and parsing --dct.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

namespace annals::cli {

/// Files as given, and the *.txt files of each directory given (sorted, not recursive).
/// Throws Failure for a path that does not exist.
std::vector<std::filesystem::path> expand_inputs(const std::vector<std::string>& args, const char* extension = ".txt");

/// Parses --dct strictly ("2015-02-29" is an error); throws Failure with Status::usage.
date::year_month_day parse_dct(const std::string& s);

}  // namespace annals::cli
