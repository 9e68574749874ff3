#pragma once
/// @file
/// Service posts (设岗定责): posts with duties defined by an organisation and taken by members.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massline {

/// How the holder came to the post (自主申报和组织安排相结合, 000).
enum class PostAssignment : std::uint8_t { SelfDeclared, Assigned, SelfDeclaredAndAssigned };
constexpr std::array<std::string_view, 3> enum_names(PostAssignment) {
  return {"self_declared", "assigned", "self_declared_and_assigned"};
}

/// A post of an organisation; vacant while it has no holder.
struct ServicePost {
  ServicePostId id{};
  OrgId organization{};
  std::string title;
  std::vector<std::string> duties;
  std::optional<MemberId> holder;
  PostAssignment assignment = PostAssignment::SelfDeclared;
  std::optional<Date> since;  ///< when the holder took the post

  /// Throws InvalidArgument for a post without title or a holder date without holder.
  void check() const {
    if (title.empty()) {
      throw InvalidArgument("model.service_post", "a service post needs a title", Location::of(id.to_string(), "title"), "empty");
    }
    if (since && (!holder || since->is_special())) {
      throw InvalidArgument("model.service_post", "invalid holder date", Location::of(id.to_string(), "since"),
                            "a valid date is given only when the post has a holder");
    }
  }
  friend bool operator==(const ServicePost&, const ServicePost&) = default;
};

}  // namespace massline
