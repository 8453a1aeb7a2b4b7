// The whole extraction: segment → tag parts of speech → find the DCT → temporal expressions →
// actors → events → relations → one KnowledgeGraph per document, with provenance. Rules are
// loaded once; extract() is const and may be called from several threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/diagnostic.h"
#include "core/paths.h"
#include "graph/graph.h"

namespace annals::pipeline {

struct Options {
  /// The document creation date; when absent it is read from a dateline in the first lines.
  std::optional<date::year_month_day> dct;
  /// Add before/after/overlap edges between events of known time.
  bool temporal_edges = true;
  /// Deep mode: parse each sentence with link-grammar for verbs' subjects (slow; see
  /// docs/syntax.md). Needs a pipeline loaded with deep = true.
  bool deep = false;
};

class Pipeline {
 public:
  /// Loads the rules; `deep` also opens the parser's dictionary, for Options::deep.
  static Expected<Pipeline> load(const Paths& paths, bool deep = false);
  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;
  ~Pipeline();

  /// The graph of one document. `doc_id` names it in the graph (usually the path as given);
  /// errors (invalid UTF-8, no DCT) name it too.
  Expected<graph::KnowledgeGraph> extract(const std::string& doc_id, std::string text, const Options& options) const;

 private:
  struct Impl;
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// "event:meet:junichiro-koizumi:kim-jong-il:2002": the id under which retellings of one
/// real-world event (same type, agents, patients and time) merge across documents; events
/// without a time or without any actor keep a per-document id ("event:DOC:OFFSET").
std::string event_id(const std::string& doc_id, std::uint32_t offset, const std::string& type,
                     std::vector<std::string> agents, std::vector<std::string> patients, const std::string& time_value);

}  // namespace annals::pipeline
