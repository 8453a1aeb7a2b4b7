// The knowledge graph: actors and events as vertices of a Boost.Graph adjacency_list with
// bundled properties, role / causal / temporal / part_of edges, the timexes they rest on, and
// provenance (document, byte span, sentence) on every node and edge. Graphs of many documents
// merge by id: merge() is associative and commutative, and the JSON it writes is canonical
// (sorted), so shards can be merged in any order and give the same bytes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "core/span.h"

namespace annals::graph {

/// Where a node or an edge was seen: a byte span of one document.
struct Mention {
  std::string doc;
  Span span;
  std::string text;            ///< the bytes of span, for readers of the JSON
  std::uint32_t sentence = 0;  ///< 0-based sentence index in doc
  friend auto operator<=>(const Mention& a, const Mention& b) {
    if (auto c = a.doc <=> b.doc; c != 0) return c;
    return a.span <=> b.span;
  }
  friend bool operator==(const Mention& a, const Mention& b) { return a.doc == b.doc && a.span == b.span; }
};

enum class NodeKind : std::uint8_t { actor, event };
std::string_view to_string(NodeKind);

enum class Relation : std::uint8_t {
  agent,        ///< actor → event
  patient,      ///< actor → event
  participant,  ///< actor → event, neither agent nor patient
  location,     ///< actor (place) → event
  causes,       ///< cause event → effect event
  before,       ///< event → event, by their intervals
  after,
  overlap,
  part_of,      ///< actor → actor ("Japanese nationals" part of Japan)
};
std::string_view to_string(Relation);
std::optional<Relation> relation_from(std::string_view);

/// The time of an event: a TIMEX3 value, its mod, its day interval and the timex it came from.
struct EventTime {
  std::string value;
  std::string mod;
  std::string begin;  ///< ISO day, inclusive ("" when unknown)
  std::string end;    ///< ISO day, exclusive
  std::string timex;  ///< id of the timex, "" when the time came from tense or narrative time
  friend bool operator==(const EventTime&, const EventTime&) = default;
};

struct Node {
  std::string id;  ///< "actor:north-korea", "event:sanction:…"
  NodeKind kind = NodeKind::actor;
  std::string label;
  std::vector<std::string> aliases;  ///< actor: every surface name seen (sorted, unique)
  std::string actor_type;            ///< actor: country, government, organization, person, group, place
  std::string type;                  ///< event: ontology type ("sanction", "meet")
  std::string trigger;               ///< event: the trigger word of its first mention
  std::string modality;              ///< event: asserted, claimed, hypothetical, negated
  std::optional<EventTime> time;     ///< event
  std::vector<Mention> mentions;     ///< sorted, unique
};

struct Edge {
  Relation relation = Relation::agent;
  std::string cue;                  ///< causal cue phrase ("under heavy pressure from")
  std::vector<Mention> evidence;    ///< sorted, unique; the first is the JSON "evidence"
};

struct DocumentInfo {
  std::string id;
  std::string dct;  ///< ISO date
  friend bool operator==(const DocumentInfo&, const DocumentInfo&) = default;
};

struct TimexRecord {
  std::string id;  ///< "<doc>#t<n>"
  std::string doc;
  Span span;
  std::string text;
  std::string type;   ///< DATE, TIME, DURATION, SET
  std::string value;
  std::string mod;
  std::string begin, end;  ///< ISO day interval, "" when none
  std::string anchor;      ///< id of the timex it is anchored on, "" for the DCT
  friend bool operator==(const TimexRecord&, const TimexRecord&) = default;
};

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Node, Edge>;
using Vertex = BoostGraph::vertex_descriptor;
using EdgeHandle = BoostGraph::edge_descriptor;

class KnowledgeGraph {
 public:
  KnowledgeGraph() : g_(std::make_unique<BoostGraph>()) {}
  KnowledgeGraph(const KnowledgeGraph& other)
      : g_(std::make_unique<BoostGraph>(*other.g_)),
        index_(other.index_),
        documents_(other.documents_),
        timexes_(other.timexes_) {}
  KnowledgeGraph& operator=(const KnowledgeGraph& other) {
    if (this != &other) *this = KnowledgeGraph(other);
    return *this;
  }
  // Boost 1.74's adjacency_list has no move constructor and its swap() makes three copies:
  // held by value, every graph returned from a stage was copied whole (a third of the graph
  // stage's time). Held by pointer, a move is a pointer swap; the moved-from graph is empty.
  KnowledgeGraph(KnowledgeGraph&& other) : KnowledgeGraph() { *this = std::move(other); }
  KnowledgeGraph& operator=(KnowledgeGraph&& other) noexcept {
    g_.swap(other.g_);
    index_.swap(other.index_);
    documents_.swap(other.documents_);
    timexes_.swap(other.timexes_);
    return *this;
  }

  /// Adds a node, or merges it into the node with the same id (mentions, aliases unioned;
  /// the earliest mention's label, trigger and time are kept, so the result is order-free).
  Vertex add_node(Node node);
  /// Adds an edge between two existing ids, or merges its evidence into the same
  /// (source, target, relation) edge. Returns false when an id is unknown.
  bool add_edge(std::string_view source, std::string_view target, Edge edge);
  void add_document(DocumentInfo doc);
  void add_timex(TimexRecord t);

  /// Unions `other` into this graph (associative and commutative up to canonical order).
  void merge(const KnowledgeGraph& other);

  std::optional<Vertex> find(std::string_view id) const;
  const BoostGraph& boost() const { return *g_; }
  const Node& node(Vertex v) const { return (*g_)[v]; }
  std::size_t node_count() const { return boost::num_vertices(*g_); }
  std::size_t edge_count() const { return boost::num_edges(*g_); }
  const std::vector<DocumentInfo>& documents() const { return documents_; }
  const std::vector<TimexRecord>& timexes() const { return timexes_; }

  /// Vertices sorted by id, edges sorted by (source id, target id, relation): the canonical
  /// order every writer uses.
  std::vector<Vertex> sorted_vertices() const;
  std::vector<EdgeHandle> sorted_edges() const;

 private:
  std::unique_ptr<BoostGraph> g_;  // never null
  std::map<std::string, Vertex, std::less<>> index_;
  std::vector<DocumentInfo> documents_;  // sorted by id
  std::vector<TimexRecord> timexes_;     // sorted by (doc, span)
};

/// One line of the who-did-what table: an actor's role in an event, with the event's time.
struct RoleRow {
  std::string actor;     ///< label
  std::string role;      ///< agent, patient, participant
  std::string event;     ///< type
  std::string trigger;
  std::string modality;
  std::string time;      ///< TIMEX3 value, "" when unknown
  std::string begin;     ///< ISO day the time interval starts, for sorting
  std::string actor_id, event_id;
};

/// Every (actor, role, event) of the graph, in time order (undated last), then by event id
/// and role, so the table reads as a timeline.
std::vector<RoleRow> who_did_what(const KnowledgeGraph& g);

/// Equality of two graphs up to ordering (same nodes, edges, documents, timexes).
bool same_graph(const KnowledgeGraph& a, const KnowledgeGraph& b);

/// "north-korea" from "North Korea": lower case ASCII letters and digits, runs of anything
/// else become one '-'. Non-ASCII UTF-8 letters are kept as they are.
std::string slug(std::string_view name);

}  // namespace annals::graph
