#pragma once
// Fixture for the layer test: a higher layer includes a lower one.
#include <massline/core/ids.hpp>
namespace massline::scoring::detail {}
