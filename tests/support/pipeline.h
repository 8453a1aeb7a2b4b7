// The pipeline loaded once per test binary from the source tree's rules.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>

#include "core/paths.h"
#include "pipeline/pipeline.h"

namespace annals::test {

/// The build's paths with the rules read from this source tree.
inline Paths source_paths() {
  Paths paths = default_paths();
  paths.rules = std::filesystem::path(ANNALS_SOURCE_DIR) / "lib";
  return paths;
}

/// The value, or the test fails with the diagnostic.
template <class T>
T loaded(Expected<T> e) {
  if (!e) FAIL(e.error().str());
  return std::move(*e);
}

inline const pipeline::Pipeline& the_pipeline() {
  static const pipeline::Pipeline p = loaded(pipeline::Pipeline::load(source_paths()));
  return p;
}

}  // namespace annals::test
