#pragma once
// Fixture for the layer test: core must not include a higher layer.
#include <massline/core/ids.hpp>
#include <massline/model/registry.hpp>
