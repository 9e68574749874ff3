// How often the network's loops check for cancellation (Ctrl-C from Python), shared by its
// sources (one definition, so they can also be compiled as one unity translation unit).
#pragma once

#include <cstddef>

namespace massline::network::detail {

/// Entities (households, members, edges) between two cancellation checks.
inline constexpr std::size_t kCheckEvery = 1U << 16;

}  // namespace massline::network::detail
