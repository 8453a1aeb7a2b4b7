#include "render/graphviz.h"

#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace annals::render::gv {
namespace {

// Graphviz keeps its error handler, error level and message log in globals, so one session at
// a time owns them; these are the only mutable statics of the stage, forced by the C API.
std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}
std::string& captured() {
  static std::string messages;
  return messages;
}

// Called by cgraph's agerr for every message piece ("Error", ": ", text). Must not throw.
int capture(char* piece) {
  try {
    captured() += piece;
  } catch (...) {
    // Out of memory while recording a Graphviz message: drop the message, keep going.
  }
  return 0;
}

// cgraph 2.42 takes char* for strings it only reads or copies; the casts stay in this file.
char* c_str(std::string& s) { return s.data(); }

}  // namespace

Session::Session() : lock_(graphviz_mutex()), previous_handler_(agseterrf(capture)) {
  captured().clear();
  agseterr(AGWARN);  // route warnings and errors to capture(), none to stderr
  agreseterrors();
}

Session::~Session() {
  agseterrf(previous_handler_);
  captured().clear();
}

std::string Session::messages() const {
  std::string m = captured();
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

bool Session::had_error() const { return agerrors() >= AGERR; }

void ContextDeleter::operator()(GVC_t* c) const { gvFreeContext(c); }

Context make_context() { return Context(gvContext()); }

GVC_t* shared_context() {
  static GVC_t* const context = gvContext();
  return context;
}

void GraphDeleter::operator()(Agraph_t* g) const { agclose(g); }

Graph open_digraph(std::string_view name) {
  std::string n(name);
  return Graph(agopen(c_str(n), Agdirected, nullptr));
}

Agraph_t* anonymous_subgraph(Agraph_t* g) { return agsubg(g, nullptr, 1); }

Agnode_t* node(Agraph_t* g, std::string_view name) {
  std::string n(name);
  return agnode(g, c_str(n), 1);
}

Agedge_t* edge(Agraph_t* g, Agnode_t* tail, Agnode_t* head) {
  // Anonymous edges: cgraph gives each a fresh id, so parallel edges of different relations stay apart.
  return agedge(g, tail, head, nullptr, 1);
}

void set(void* obj, std::string_view name, std::string_view value) {
  std::string n(name), v(value), empty;
  agsafeset(obj, c_str(n), c_str(v), c_str(empty));
}

void set_html_label(void* obj, std::string_view html) {
  Agraph_t* root = agroot(obj);
  std::string text(html);
  char* h = agstrdup_html(root, c_str(text));
  std::string name = "label", empty;
  agsafeset(obj, c_str(name), h, c_str(empty));
  agstrfree(root, h);
}

Expected<std::string> write_dot(Agraph_t* g, const Session& session) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  if (!out) return Diagnostic{"", 0, 0, "cannot allocate the DOT buffer", Status::internal};
  const int rc = agwrite(g, out);
  const bool closed = std::fclose(out) == 0;
  std::string dot = buffer ? std::string(buffer, size) : std::string();
  std::free(buffer);
  if (rc != 0 || !closed)
    return Diagnostic{"", 0, 0, "Graphviz could not write the DOT: " + session.messages(), Status::internal};
  return dot;
}

bool has_plugin(GVC_t* gvc, std::string_view kind, std::string_view name) {
  std::string k(kind);
  int count = 0;
  char** list = gvPluginList(gvc, k.c_str(), &count, nullptr);
  bool found = false;
  for (int i = 0; i < count; ++i) {
    std::string_view entry = list[i];
    if (entry.substr(0, entry.find(':')) == name) found = true;
    std::free(list[i]);
  }
  std::free(list);
  return found;
}

Layout::Layout(GVC_t* gvc, Agraph_t* g, std::string_view engine) : gvc_(gvc), g_(g) {
  std::string e(engine);
  ok_ = gvLayout(gvc_, g_, e.c_str()) == 0;
}

Layout::~Layout() {
  if (ok_) gvFreeLayout(gvc_, g_);
}

Expected<std::string> render_data(GVC_t* gvc, Agraph_t* g, std::string_view format, const Session& session) {
  std::string f(format);
  char* data = nullptr;
  unsigned int length = 0;
  const int rc = gvRenderData(gvc, g, f.c_str(), &data, &length);
  std::string out = data ? std::string(data, length) : std::string();
  if (data) gvFreeRenderData(data);
  if (rc != 0)
    return Diagnostic{"", 0, 0, "Graphviz could not render " + f + ": " + session.messages(), Status::internal};
  return out;
}

}  // namespace annals::render::gv
