#include "graph/graph.h"

#include <algorithm>
#include <tuple>

namespace annals::graph {

std::vector<RoleRow> who_did_what(const KnowledgeGraph& g) {
  std::vector<RoleRow> rows;
  const auto& bg = g.boost();
  for (auto e : g.sorted_edges()) {
    const Edge& ed = bg[e];
    if (ed.relation != Relation::agent && ed.relation != Relation::patient && ed.relation != Relation::participant)
      continue;
    const Node& actor = bg[boost::source(e, bg)];
    const Node& event = bg[boost::target(e, bg)];
    RoleRow r;
    r.actor = actor.label;
    r.role = std::string(to_string(ed.relation));
    r.event = event.type;
    r.trigger = event.trigger;
    r.modality = event.modality;
    if (event.time) {
      r.time = event.time->value + (event.time->mod.empty() ? "" : " (" + event.time->mod + ")");
      r.begin = event.time->begin;
    }
    r.actor_id = actor.id;
    r.event_id = event.id;
    rows.push_back(std::move(r));
  }
  auto role_rank = [](const std::string& role) { return role == "agent" ? 0 : role == "patient" ? 1 : 2; };
  std::stable_sort(rows.begin(), rows.end(), [&](const RoleRow& a, const RoleRow& b) {
    return std::tuple(a.begin.empty(), a.begin, a.event_id, role_rank(a.role), a.actor) <
           std::tuple(b.begin.empty(), b.begin, b.event_id, role_rank(b.role), b.actor);
  });
  return rows;
}

}  // namespace annals::graph
