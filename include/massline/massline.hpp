#pragma once
/// @file
/// Umbrella header: everything massline offers.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/core/flags.hpp>
#include <massline/core/ids.hpp>
#include <massline/core/period.hpp>
#include <massline/model/registry.hpp>
