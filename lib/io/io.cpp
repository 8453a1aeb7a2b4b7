#include "io/io.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <charconv>

#include "core/escape.h"
#include "core/files.h"

namespace annals::io {
namespace {

using nlohmann::json;

json mention_json(const graph::Mention& m) {
  json j = {{"doc", m.doc}, {"begin", m.span.begin}, {"end", m.span.end}};
  if (!m.text.empty()) j["text"] = m.text;
  j["sentence"] = m.sentence;
  return j;
}

graph::Mention mention_from(const json& j) {
  graph::Mention m;
  m.doc = j.at("doc").get<std::string>();
  m.span = {j.at("begin").get<std::uint32_t>(), j.at("end").get<std::uint32_t>()};
  m.text = j.value("text", std::string{});
  m.sentence = j.value("sentence", 0u);
  return m;
}

/// "/nodes/3/kind" from valijson's context ["<root>", "[nodes]", "[3]", "[kind]"].
std::string json_pointer(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string p = part;
    if (p.size() >= 2 && p.front() == '[' && p.back() == ']') p = p.substr(1, p.size() - 2);
    if (p.size() >= 2 && p.front() == '"' && p.back() == '"') p = p.substr(1, p.size() - 2);
    out += '/';
    for (char c : p) {
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else out += c;
    }
  }
  return out.empty() ? "/" : out;
}

}  // namespace

json to_json(const graph::KnowledgeGraph& g) {
  json docs = json::array();
  for (const auto& d : g.documents()) docs.push_back({{"id", d.id}, {"dct", d.dct}});
  json timexes = json::array();
  for (const auto& t : g.timexes()) {
    json j = {{"id", t.id}, {"doc", t.doc}, {"begin", t.span.begin}, {"end", t.span.end},
              {"text", t.text}, {"type", t.type}, {"value", t.value}};
    if (!t.mod.empty()) j["mod"] = t.mod;
    if (!t.begin.empty()) j["interval"] = {{"begin", t.begin}, {"end", t.end}};
    if (!t.anchor.empty()) j["anchor"] = t.anchor;
    timexes.push_back(std::move(j));
  }
  json nodes = json::array();
  const auto& bg = g.boost();
  for (auto v : g.sorted_vertices()) {
    const graph::Node& n = bg[v];
    json j = {{"id", n.id}, {"kind", graph::to_string(n.kind)}, {"label", n.label}};
    if (n.kind == graph::NodeKind::actor) {
      j["aliases"] = n.aliases;
      if (!n.actor_type.empty()) j["actor_type"] = n.actor_type;
    } else {
      j["type"] = n.type;
      j["trigger"] = n.trigger;
      j["modality"] = n.modality;
      if (n.time) {
        json t = {{"value", n.time->value}};
        if (!n.time->mod.empty()) t["mod"] = n.time->mod;
        if (!n.time->begin.empty()) {
          t["begin"] = n.time->begin;
          t["end"] = n.time->end;
        }
        if (!n.time->timex.empty()) t["timex"] = n.time->timex;
        j["time"] = std::move(t);
      }
    }
    json ms = json::array();
    for (const auto& m : n.mentions) ms.push_back(mention_json(m));
    j["mentions"] = std::move(ms);
    nodes.push_back(std::move(j));
  }
  json edges = json::array();
  for (auto e : g.sorted_edges()) {
    const graph::Edge& ed = bg[e];
    json j = {{"source", bg[boost::source(e, bg)].id},
              {"target", bg[boost::target(e, bg)].id},
              {"relation", graph::to_string(ed.relation)}};
    if (!ed.cue.empty()) j["cue"] = ed.cue;
    if (!ed.evidence.empty()) {
      j["evidence"] = mention_json(ed.evidence.front());
      if (ed.evidence.size() > 1) {
        json p = json::array();
        for (const auto& m : ed.evidence) p.push_back(mention_json(m));
        j["provenance"] = std::move(p);
      }
    }
    edges.push_back(std::move(j));
  }
  return json{{"annals", "0.1.0"}, {"documents", std::move(docs)}, {"timexes", std::move(timexes)},
              {"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

namespace {

/// Writes JSON straight into one string, laid out as nlohmann's dump(2) lays it out, with every
/// string through escape::append_json_string (cleaned, and safe inside HTML). The graph's
/// writer gives keys in sorted order, as a json object holds them, so the text is canonical.
/// No document object model in between: a graph of millions of mentions costs its text only.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k) {
    item();
    escape::append_json_string(out_, k);
    out_ += ": ";
    after_key_ = true;
  }
  void value(std::string_view s) {
    item();
    escape::append_json_string(out_, s);
  }
  void value(std::uint64_t n) {
    item();
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
    out_.append(buf, end);
  }
  template <class V>
  void field(std::string_view k, const V& v) {
    key(k);
    value(v);
  }

 private:
  // Before a key, or a value that has no key: the separator from its sibling and the indent.
  void item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (open_.empty()) return;
    out_ += open_.back()++ ? ",\n" : "\n";
    out_.append(2 * open_.size(), ' ');
  }
  void open(char c) {
    item();
    out_ += c;
    open_.push_back(0);
  }
  void close(char c) {
    const auto members = open_.back();
    open_.pop_back();
    if (members) {
      out_ += '\n';
      out_.append(2 * open_.size(), ' ');
    }
    out_ += c;
  }

  std::string& out_;
  std::vector<std::size_t> open_;  ///< members written so far in each open object or array
  bool after_key_ = false;
};

void write_mention(Writer& w, const graph::Mention& m) {
  w.begin_object();
  w.field("begin", m.span.begin);
  w.field("doc", m.doc);
  w.field("end", m.span.end);
  w.field("sentence", m.sentence);
  if (!m.text.empty()) w.field("text", m.text);
  w.end_object();
}

}  // namespace

std::string dump(const graph::KnowledgeGraph& g) {
  std::string out;
  // A node with its mentions takes about 700 bytes, an edge about 300: reserving saves the
  // copies of repeated doubling.
  out.reserve(512 * g.node_count() + 256 * g.edge_count() + 4096);
  Writer w(out);
  const auto& bg = g.boost();
  w.begin_object();
  w.field("annals", "0.1.0");
  w.key("documents");
  w.begin_array();
  for (const auto& d : g.documents()) {
    w.begin_object();
    w.field("dct", d.dct);
    w.field("id", d.id);
    w.end_object();
  }
  w.end_array();
  w.key("edges");
  w.begin_array();
  for (auto e : g.sorted_edges()) {
    const graph::Edge& ed = bg[e];
    w.begin_object();
    if (!ed.cue.empty()) w.field("cue", ed.cue);
    if (!ed.evidence.empty()) {
      w.key("evidence");
      write_mention(w, ed.evidence.front());
      if (ed.evidence.size() > 1) {
        w.key("provenance");
        w.begin_array();
        for (const auto& m : ed.evidence) write_mention(w, m);
        w.end_array();
      }
    }
    w.field("relation", graph::to_string(ed.relation));
    w.field("source", bg[boost::source(e, bg)].id);
    w.field("target", bg[boost::target(e, bg)].id);
    w.end_object();
  }
  w.end_array();
  w.key("nodes");
  w.begin_array();
  for (auto v : g.sorted_vertices()) {
    const graph::Node& n = bg[v];
    const bool actor = n.kind == graph::NodeKind::actor;
    w.begin_object();
    if (actor && !n.actor_type.empty()) w.field("actor_type", n.actor_type);
    if (actor) {
      w.key("aliases");
      w.begin_array();
      for (const auto& a : n.aliases) w.value(a);
      w.end_array();
    }
    w.field("id", n.id);
    w.field("kind", graph::to_string(n.kind));
    w.field("label", n.label);
    w.key("mentions");
    w.begin_array();
    for (const auto& m : n.mentions) write_mention(w, m);
    w.end_array();
    if (!actor) {
      w.field("modality", n.modality);
      if (n.time) {
        w.key("time");
        w.begin_object();
        if (!n.time->begin.empty()) {
          w.field("begin", n.time->begin);
          w.field("end", n.time->end);
        }
        if (!n.time->mod.empty()) w.field("mod", n.time->mod);
        if (!n.time->timex.empty()) w.field("timex", n.time->timex);
        w.field("value", n.time->value);
        w.end_object();
      }
      w.field("trigger", n.trigger);
      w.field("type", n.type);
    }
    w.end_object();
  }
  w.end_array();
  w.key("timexes");
  w.begin_array();
  for (const auto& t : g.timexes()) {
    w.begin_object();
    if (!t.anchor.empty()) w.field("anchor", t.anchor);
    w.field("begin", t.span.begin);
    w.field("doc", t.doc);
    w.field("end", t.span.end);
    w.field("id", t.id);
    if (!t.begin.empty()) {
      w.key("interval");
      w.begin_object();
      w.field("begin", t.begin);
      w.field("end", t.end);
      w.end_object();
    }
    if (!t.mod.empty()) w.field("mod", t.mod);
    w.field("text", t.text);
    w.field("type", t.type);
    w.field("value", t.value);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

Expected<graph::KnowledgeGraph> from_json(const json& j, std::string_view file) {
  graph::KnowledgeGraph g;
  std::string where = "/";
  try {
    for (std::size_t i = 0; i < j.at("documents").size(); ++i) {
      where = "/documents/" + std::to_string(i);
      const auto& d = j["documents"][i];
      g.add_document({d.at("id").get<std::string>(), d.at("dct").get<std::string>()});
    }
    for (std::size_t i = 0; i < j.at("timexes").size(); ++i) {
      where = "/timexes/" + std::to_string(i);
      const auto& t = j["timexes"][i];
      graph::TimexRecord r;
      r.id = t.at("id").get<std::string>();
      r.doc = t.at("doc").get<std::string>();
      r.span = {t.at("begin").get<std::uint32_t>(), t.at("end").get<std::uint32_t>()};
      r.text = t.at("text").get<std::string>();
      r.type = t.at("type").get<std::string>();
      r.value = t.at("value").get<std::string>();
      r.mod = t.value("mod", std::string{});
      if (t.contains("interval")) {
        r.begin = t["interval"].at("begin").get<std::string>();
        r.end = t["interval"].at("end").get<std::string>();
      }
      r.anchor = t.value("anchor", std::string{});
      g.add_timex(std::move(r));
    }
    for (std::size_t i = 0; i < j.at("nodes").size(); ++i) {
      where = "/nodes/" + std::to_string(i);
      const auto& n = j["nodes"][i];
      graph::Node node;
      node.id = n.at("id").get<std::string>();
      if (g.find(node.id)) {
        return Diagnostic{std::string(file), 0, 0, where + "/id: node id '" + node.id + "' is used twice",
                          Status::input};
      }
      node.kind = n.at("kind").get<std::string>() == "event" ? graph::NodeKind::event : graph::NodeKind::actor;
      node.label = n.at("label").get<std::string>();
      node.aliases = n.value("aliases", std::vector<std::string>{});
      node.actor_type = n.value("actor_type", std::string{});
      node.type = n.value("type", std::string{});
      node.trigger = n.value("trigger", std::string{});
      node.modality = n.value("modality", std::string{});
      if (n.contains("time")) {
        const auto& t = n["time"];
        node.time = graph::EventTime{t.at("value").get<std::string>(), t.value("mod", std::string{}),
                                     t.value("begin", std::string{}), t.value("end", std::string{}),
                                     t.value("timex", std::string{})};
      }
      for (const auto& m : n.at("mentions")) node.mentions.push_back(mention_from(m));
      g.add_node(std::move(node));
    }
    for (std::size_t i = 0; i < j.at("edges").size(); ++i) {
      where = "/edges/" + std::to_string(i);
      const auto& e = j["edges"][i];
      auto rel = graph::relation_from(e.at("relation").get<std::string>());
      if (!rel) return Diagnostic{std::string(file), 0, 0, where + "/relation: unknown relation", Status::input};
      graph::Edge edge;
      edge.relation = *rel;
      edge.cue = e.value("cue", std::string{});
      if (e.contains("provenance")) {
        for (const auto& m : e["provenance"]) edge.evidence.push_back(mention_from(m));
      } else if (e.contains("evidence")) {
        edge.evidence.push_back(mention_from(e["evidence"]));
      }
      auto src = e.at("source").get<std::string>(), tgt = e.at("target").get<std::string>();
      if (!g.add_edge(src, tgt, std::move(edge)))
        return Diagnostic{std::string(file), 0, 0,
                          where + ": edge between '" + src + "' and '" + tgt + "' names a node that does not exist",
                          Status::input};
    }
  } catch (const json::exception& e) {
    return Diagnostic{std::string(file), 0, 0, where + ": " + e.what(), Status::input};
  }
  return g;
}

Expected<json> parse_json(std::string_view text, std::string_view file) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    std::size_t off = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    if (auto p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
    return diagnostic_at(std::string(file), text, off, "not valid JSON: " + what, Status::input);
  } catch (const json::exception& e) {
    // Not a syntax error but still not loadable: a number too large for a double throws
    // out_of_range 406 from the DOM builder, without a position (tests/fuzz/regressions/
    // graph_json/number-overflow; uncaught, it ended in std::terminate).
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    return Diagnostic{std::string(file), 0, 0, "not valid JSON: " + what, Status::input};
  }
}

struct SchemaValidator::Impl {
  json document;  // the adapter refers into it while parsing
  valijson::Schema schema;
};

SchemaValidator::SchemaValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SchemaValidator::SchemaValidator(SchemaValidator&&) noexcept = default;
SchemaValidator& SchemaValidator::operator=(SchemaValidator&&) noexcept = default;
SchemaValidator::~SchemaValidator() = default;

Expected<SchemaValidator> SchemaValidator::load(const Paths& paths) {
  auto path = paths.schemas / "graph.schema.json";
  auto text = read_file(path);
  if (!text) return Diagnostic{path.string(), 0, 0, text.error().message + " (set ANNALS_SCHEMAS)", Status::rules};
  auto j = parse_json(*text, path.string());
  if (!j) return j.error();
  auto impl = std::make_unique<Impl>();
  impl->document = std::move(*j);
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(impl->document);
    parser.populateSchema(adapter, impl->schema);
  } catch (const std::exception& e) {
    return Diagnostic{path.string(), 0, 0, std::string("cannot compile the schema: ") + e.what(), Status::rules};
  }
  return SchemaValidator(std::move(impl));
}

Expected<void> SchemaValidator::validate(const json& j, std::string_view file) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(j);
  if (validator.validate(impl_->schema, target, &results)) return {};
  // The deepest error is the most specific one: "oneOf" failures report their branches after.
  valijson::ValidationResults::Error err, best;
  std::size_t depth = 0;
  bool first = true;
  while (results.popError(err)) {
    if (first || err.context.size() > depth) {
      best = err;
      depth = err.context.size();
      first = false;
    }
  }
  return Diagnostic{std::string(file), 0, 0, json_pointer(best.context) + ": " + best.description, Status::failure};
}

Expected<graph::KnowledgeGraph> read_graph(const std::filesystem::path& path, const SchemaValidator& schema) {
  auto text = read_file(path);
  if (!text) return text.error();
  auto j = parse_json(*text, path.string());
  if (!j) return j.error();
  if (auto ok = schema.validate(*j, path.string()); !ok) {
    auto d = ok.error();
    d.status = Status::input;
    return d;
  }
  return from_json(*j, path.string());
}

}  // namespace annals::io
