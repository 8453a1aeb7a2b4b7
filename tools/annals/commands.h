// The annals command line: one file per verb, each with an options struct built by
// setup_<verb>() and a run function the callback invokes. Verbs report errors by throwing
// annals::cli::Failure, which main() prints as one line "annals: FILE:LINE:COL: message" and
// turns into the Diagnostic's exit status.
#pragma once

#include <stdexcept>

#include <CLI/CLI.hpp>

#include "core/diagnostic.h"

namespace annals::cli {

struct Failure {
  Diagnostic diagnostic;
};

/// Throws Failure for an error; returns the value otherwise.
template <class T>
T check(Expected<T> e) {
  if (!e) throw Failure{e.error()};
  return std::move(e).value();
}
inline void check(Expected<void> e) {
  if (!e) throw Failure{e.error()};
}

void setup_extract(CLI::App& app);
void setup_render(CLI::App& app);
void setup_validate(CLI::App& app);
void setup_tag(CLI::App& app);
void setup_merge(CLI::App& app);

}  // namespace annals::cli
