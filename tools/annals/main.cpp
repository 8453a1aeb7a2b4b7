// annals: news text → event timeline and knowledge graph. This file only dispatches; every
// verb is a library call first (see commands.h).
#include <cstdio>
#include <exception>
#include <string>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"annals: turn news text into an event timeline and knowledge graph"};
  app.set_version_flag("--version", "annals 0.1.0");
  app.require_subcommand(1);
  annals::cli::setup_extract(app);
  annals::cli::setup_render(app);
  annals::cli::setup_validate(app);
  annals::cli::setup_tag(app);
  annals::cli::setup_merge(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "annals: %s\n", e.what());
    return static_cast<int>(annals::Status::usage);
  } catch (const annals::cli::Failure& f) {
    std::fprintf(stderr, "annals: %s\n", f.diagnostic.str().c_str());
    return static_cast<int>(f.diagnostic.status);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "annals: out of memory\n");
    return static_cast<int>(annals::Status::internal);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "annals: internal error: %s\n", e.what());
    return static_cast<int>(annals::Status::internal);
  }
  return 0;
}
