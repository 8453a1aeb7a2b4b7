#include "graph/graph.h"

#include <algorithm>
#include <array>
#include <tuple>

namespace annals::graph {
namespace {

constexpr std::array<std::string_view, 9> kRelationNames{
    "agent", "patient", "participant", "location", "causes", "before", "after", "overlap", "part_of"};

/// `into` ∪ `from`, both sorted and unique. Mentions arrive in text order, so the common case
/// is `from` wholly after `into`: an append, which keeps merging n mentions into one node
/// linear rather than quadratic (a document repeating one event).
template <class T>
void union_sorted(std::vector<T>& into, const std::vector<T>& from) {
  if (from.empty()) return;
  if (into.empty() || into.back() < from.front()) {
    into.insert(into.end(), from.begin(), from.end());
    return;
  }
  std::vector<T> out;
  out.reserve(into.size() + from.size());
  std::set_union(into.begin(), into.end(), from.begin(), from.end(), std::back_inserter(out));
  into = std::move(out);
}

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

/// The order that decides which node's scalar fields survive a merge: the earliest first
/// mention, then the label. A minimum, so merging is associative and commutative.
bool precedes(const Node& a, const Node& b) {
  if (a.mentions.empty() != b.mentions.empty()) return !a.mentions.empty();
  if (!a.mentions.empty() && !(a.mentions.front() == b.mentions.front()))
    return a.mentions.front() < b.mentions.front();
  return std::tie(a.label, a.type, a.trigger, a.modality, a.actor_type) <
         std::tie(b.label, b.type, b.trigger, b.modality, b.actor_type);
}

auto time_key(const EventTime& t) { return std::tie(t.value, t.mod, t.begin, t.end, t.timex); }

void merge_node(Node& into, Node from) {
  sort_unique(from.mentions);
  sort_unique(from.aliases);
  Node& keep = precedes(from, into) ? from : into;
  Node& other = &keep == &from ? into : from;
  union_sorted(keep.mentions, other.mentions);
  union_sorted(keep.aliases, other.aliases);
  // The time is the smallest known one (a minimum again), so an undated retelling of an
  // event does not erase the date another document gives it.
  if (!keep.time || (other.time && time_key(*other.time) < time_key(*keep.time))) keep.time = other.time;
  if (&keep != &into) into = std::move(keep);
}

}  // namespace

std::string_view to_string(NodeKind k) {
  switch (k) {
    case NodeKind::actor: return "actor";
    case NodeKind::event: return "event";
  }
  return "actor";
}

std::string_view to_string(Relation r) { return kRelationNames[static_cast<std::size_t>(r)]; }

std::optional<Relation> relation_from(std::string_view s) {
  for (std::size_t i = 0; i < kRelationNames.size(); ++i)
    if (kRelationNames[i] == s) return static_cast<Relation>(i);
  return std::nullopt;
}

Vertex KnowledgeGraph::add_node(Node node) {
  if (auto it = index_.find(node.id); it != index_.end()) {
    merge_node((*g_)[it->second], std::move(node));
    return it->second;
  }
  sort_unique(node.mentions);
  sort_unique(node.aliases);
  std::string id = node.id;
  Vertex v = boost::add_vertex(std::move(node), *g_);
  index_.emplace(std::move(id), v);
  return v;
}

std::optional<Vertex> KnowledgeGraph::find(std::string_view id) const {
  if (auto it = index_.find(id); it != index_.end()) return it->second;
  return std::nullopt;
}

bool KnowledgeGraph::add_edge(std::string_view source, std::string_view target, Edge edge) {
  auto s = find(source);
  auto t = find(target);
  if (!s || !t) return false;
  sort_unique(edge.evidence);
  for (auto [it, end] = boost::out_edges(*s, *g_); it != end; ++it) {
    if (boost::target(*it, *g_) != *t || (*g_)[*it].relation != edge.relation) continue;
    Edge& e = (*g_)[*it];
    union_sorted(e.evidence, edge.evidence);
    if (e.cue.empty() || (!edge.cue.empty() && edge.cue < e.cue)) e.cue = std::move(edge.cue);
    return true;
  }
  boost::add_edge(*s, *t, std::move(edge), *g_);
  return true;
}

void KnowledgeGraph::add_document(DocumentInfo doc) {
  auto it = std::lower_bound(documents_.begin(), documents_.end(), doc,
                             [](const auto& a, const auto& b) { return a.id < b.id; });
  if (it != documents_.end() && it->id == doc.id) return;
  documents_.insert(it, std::move(doc));
}

void KnowledgeGraph::add_timex(TimexRecord t) {
  auto key = [](const TimexRecord& r) { return std::tie(r.doc, r.span, r.id); };
  auto it = std::lower_bound(timexes_.begin(), timexes_.end(), t,
                             [&](const auto& a, const auto& b) { return key(a) < key(b); });
  if (it != timexes_.end() && it->id == t.id) return;
  timexes_.insert(it, std::move(t));
}

void KnowledgeGraph::merge(const KnowledgeGraph& other) {
  for (const auto& d : other.documents_) add_document(d);
  for (const auto& t : other.timexes_) add_timex(t);
  for (auto v : other.sorted_vertices()) add_node((*other.g_)[v]);
  for (auto e : other.sorted_edges())
    add_edge((*other.g_)[boost::source(e, *other.g_)].id, (*other.g_)[boost::target(e, *other.g_)].id, (*other.g_)[e]);
}

std::vector<Vertex> KnowledgeGraph::sorted_vertices() const {
  std::vector<Vertex> out;
  out.reserve(index_.size());
  for (const auto& [id, v] : index_) out.push_back(v);  // std::map: already in id order
  return out;
}

std::vector<EdgeHandle> KnowledgeGraph::sorted_edges() const {
  std::vector<EdgeHandle> out;
  out.reserve(boost::num_edges(*g_));
  for (auto [it, end] = boost::edges(*g_); it != end; ++it) out.push_back(*it);
  std::sort(out.begin(), out.end(), [&](const EdgeHandle& a, const EdgeHandle& b) {
    return std::tuple(std::string_view((*g_)[boost::source(a, *g_)].id), std::string_view((*g_)[boost::target(a, *g_)].id),
                      (*g_)[a].relation) <
           std::tuple(std::string_view((*g_)[boost::source(b, *g_)].id), std::string_view((*g_)[boost::target(b, *g_)].id),
                      (*g_)[b].relation);
  });
  return out;
}

bool same_graph(const KnowledgeGraph& a, const KnowledgeGraph& b) {
  if (a.documents() != b.documents() || a.timexes() != b.timexes()) return false;
  auto va = a.sorted_vertices(), vb = b.sorted_vertices();
  if (va.size() != vb.size()) return false;
  for (std::size_t i = 0; i < va.size(); ++i) {
    const Node &x = a.node(va[i]), &y = b.node(vb[i]);
    if (std::tie(x.id, x.kind, x.label, x.aliases, x.actor_type, x.type, x.trigger, x.modality, x.time, x.mentions) !=
        std::tie(y.id, y.kind, y.label, y.aliases, y.actor_type, y.type, y.trigger, y.modality, y.time, y.mentions))
      return false;
  }
  auto ea = a.sorted_edges(), eb = b.sorted_edges();
  if (ea.size() != eb.size()) return false;
  const auto &ga = a.boost(), &gb = b.boost();
  for (std::size_t i = 0; i < ea.size(); ++i) {
    if (ga[boost::source(ea[i], ga)].id != gb[boost::source(eb[i], gb)].id ||
        ga[boost::target(ea[i], ga)].id != gb[boost::target(eb[i], gb)].id)
      return false;
    const Edge &x = ga[ea[i]], &y = gb[eb[i]];
    if (std::tie(x.relation, x.cue, x.evidence) != std::tie(y.relation, y.cue, y.evidence)) return false;
  }
  return true;
}

std::string slug(std::string_view name) {
  std::string out;
  bool dash = false;
  for (unsigned char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c);
    } else {
      dash = true;
    }
  }
  return out;
}

}  // namespace annals::graph
