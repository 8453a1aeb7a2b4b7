// Tab-separated rule and lexicon files: '#' starts a comment line, blank lines are skipped,
// fields are separated by one or more tabs. Every row keeps its line number so that a later
// check can report "file:line:column: ...".
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace annals {

struct Row {
  std::uint32_t line = 0;
  std::vector<std::string> fields;
};

struct Table {
  std::string file;  ///< the path as given, for diagnostics
  std::vector<Row> rows;

  /// A Diagnostic at `row`'s line (column 1 of field `field`).
  Diagnostic error(const Row& row, std::size_t field, std::string message) const;
};

/// Reads a table whose rows have between `min_fields` and `max_fields` fields.
Expected<Table> read_table(const std::filesystem::path& path, std::size_t min_fields,
                           std::size_t max_fields);

}  // namespace annals
