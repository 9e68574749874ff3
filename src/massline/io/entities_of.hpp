#pragma once
// The registry's table of one entity type (private to io): what the table schema and the
// registry files iterate, chosen at compile time.
#include <massline/model/registry.hpp>

#include <type_traits>

namespace massline::io::detail {

template <class T>
inline constexpr bool kNotAnEntity = false;

template <class T>
const auto& entities_of(const Registry& r) {
  if constexpr (std::is_same_v<T, Organization>) return r.organizations();
  else if constexpr (std::is_same_v<T, Member>) return r.members();
  else if constexpr (std::is_same_v<T, Household>) return r.households();
  else if constexpr (std::is_same_v<T, Pairing>) return r.pairings();
  else if constexpr (std::is_same_v<T, Commitment>) return r.commitments();
  else if constexpr (std::is_same_v<T, ServicePost>) return r.service_posts();
  else if constexpr (std::is_same_v<T, Contact>) return r.contacts();
  else if constexpr (std::is_same_v<T, Appeal>) return r.appeals();
  else if constexpr (std::is_same_v<T, SurveyResponse>) return r.survey_responses();
  else if constexpr (std::is_same_v<T, Activity>) return r.activities();
  else static_assert(kNotAnEntity<T>, "not an entity type");
}

}  // namespace massline::io::detail
