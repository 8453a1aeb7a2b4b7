// The JSON contract (schemas/graph.schema.json): writing a KnowledgeGraph as canonical JSON
// (sorted, so the same graph gives the same bytes), reading it back, and validating any JSON
// document against the schema with the JSON path of the first problem.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "core/paths.h"
#include "graph/graph.h"

namespace annals::io {

/// The graph as JSON: documents, timexes, nodes, edges, each in canonical order.
nlohmann::json to_json(const graph::KnowledgeGraph& g);
/// Canonical text: the JSON value of to_json(g), written directly (no json object in between)
/// with two-space indentation, sorted keys and a final newline, every string through
/// escape::json_string: cleaned of invalid UTF-8, controls and bidi overrides, and with < > &
/// as \u escapes, so the text can be pasted into an HTML <script> as it is.
std::string dump(const graph::KnowledgeGraph& g);

/// Builds a graph from JSON that already passed the schema; `file` names it in diagnostics.
Expected<graph::KnowledgeGraph> from_json(const nlohmann::json& j, std::string_view file);

/// Parses JSON text; a syntax error is reported as FILE:LINE:COL.
Expected<nlohmann::json> parse_json(std::string_view text, std::string_view file);

class SchemaValidator {
 public:
  /// Loads graph.schema.json from paths.schemas.
  static Expected<SchemaValidator> load(const Paths& paths);
  SchemaValidator(SchemaValidator&&) noexcept;
  SchemaValidator& operator=(SchemaValidator&&) noexcept;
  ~SchemaValidator();

  /// Success, or a Diagnostic "FILE: /nodes/3/kind: <what is wrong>" (JSON Pointer path of
  /// the first problem), Status::failure.
  Expected<void> validate(const nlohmann::json& j, std::string_view file) const;

 private:
  struct Impl;
  explicit SchemaValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Reads, parses, validates and loads a graph JSON file.
Expected<graph::KnowledgeGraph> read_graph(const std::filesystem::path& path, const SchemaValidator& schema);

}  // namespace annals::io
