#pragma once
/// @file
/// Forward declarations of massline's main types, for headers that only name them.

#include <massline/core/ids.hpp>

namespace massline {
class Error;
class Period;
class Registry;
struct Organization;
struct Member;
struct Household;
struct Pairing;
struct Commitment;
struct ServicePost;
struct Contact;
struct Appeal;
struct SurveyResponse;
struct Activity;
}  // namespace massline
