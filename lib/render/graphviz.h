// Private to lib/render: RAII owners for the Graphviz C objects and the few cgraph/gvc calls the
// renderer makes, so that the const_casts Debian 12's cgraph 2.42 needs (it takes char*) and the
// error capture live in graphviz.cpp only (STYLE.md §3). Nothing here throws across C: the error
// callback swallows allocation failures.
//
// Lifecycle (Graphviz's dot.demo/demo.c): Session → Context → Graph → nodes, edges, agsafeset →
// Layout → render_data → ~Layout (gvFreeLayout) → ~Graph (agclose) → ~Context (gvFreeContext).
// Declare the owners in that order and C++ destroys them in the right one.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "core/diagnostic.h"

namespace annals::render::gv {

/// Serialises Graphviz use (its error state and plugin loading are process-global) and
/// collects every warning and error Graphviz reports while it lives, instead of printing them.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// Everything Graphviz reported since the session began, one message a line.
  std::string messages() const;
  /// Whether Graphviz reported an error (not just a warning) since the session began.
  bool had_error() const;

 private:
  std::unique_lock<std::mutex> lock_;
  agusererrf previous_handler_;
};

struct ContextDeleter {
  void operator()(GVC_t* c) const;
};
using Context = std::unique_ptr<GVC_t, ContextDeleter>;

/// A gvContext with the plugins listed in Graphviz's config (on Debian,
/// /usr/lib/x86_64-linux-gnu/graphviz/config6a, written by the graphviz package).
Context make_context();

/// The process's one gvContext for layout and rendering, created on first use and never freed
/// (call it with a Session held). Graphviz 2.43's pango plugin keeps a pointer to the last font
/// name it measured, and that name lives in the context's font dictionary: after
/// gvFreeContext, the next context's first label measurement strcmp()s freed memory (a
/// heap-use-after-free found by tests/fuzz/fuzz_render on the second render() of a process).
GVC_t* shared_context();

struct GraphDeleter {
  void operator()(Agraph_t* g) const;
};
using Graph = std::unique_ptr<Agraph_t, GraphDeleter>;

Graph open_digraph(std::string_view name);
/// An anonymous subgraph. Named subgraphs would be written by agwrite in the order of their
/// interned names' addresses, which differs between runs; anonymous ones keep creation order.
Agraph_t* anonymous_subgraph(Agraph_t* g);
Agnode_t* node(Agraph_t* g, std::string_view name);
Agedge_t* edge(Agraph_t* g, Agnode_t* tail, Agnode_t* head);

/// agsafeset(obj, name, value, ""): declares the attribute with an empty default if needed.
/// `value` must already be escaped for its attribute (escape::dot_label for labels).
void set(void* obj, std::string_view name, std::string_view value);
/// Sets an HTML-like label: `html` is the markup between < and > (text in it escaped with
/// escape::dot_html).
void set_html_label(void* obj, std::string_view html);

/// The graph as DOT text (agwrite), without layout.
Expected<std::string> write_dot(Agraph_t* g, const Session& session);

/// Whether a plugin of `kind` ("layout", "render", "device") named `name` is loaded;
/// `name` matches up to a ':' in the plugin list ("png" matches "png:cairo").
bool has_plugin(GVC_t* gvc, std::string_view kind, std::string_view name);

/// gvLayout, undone by gvFreeLayout when destroyed (if it succeeded).
class Layout {
 public:
  Layout(GVC_t* gvc, Agraph_t* g, std::string_view engine);
  ~Layout();
  Layout(const Layout&) = delete;
  Layout& operator=(const Layout&) = delete;
  bool ok() const { return ok_; }

 private:
  GVC_t* gvc_;
  Agraph_t* g_;
  bool ok_;
};

/// gvRenderData into a string (the Graphviz buffer is freed with gvFreeRenderData).
Expected<std::string> render_data(GVC_t* gvc, Agraph_t* g, std::string_view format, const Session& session);

}  // namespace annals::render::gv
