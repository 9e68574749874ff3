#pragma once
// Fixture for the layer test: a tree that obeys the map.
namespace massline {}
