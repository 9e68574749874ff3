#pragma once
// Fixture for the layer test: a model header must not open another layer's namespace.
namespace massline::scoring {}
