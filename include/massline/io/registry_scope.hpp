#pragma once
/// @file
/// Privacy for exports: a registry scoped to one organisation's subtree, with nothing from
/// outside it, and keyed pseudonyms for personal fields, so the same person maps to the same
/// token in every export made with the same key. docs/formats.md, "Privacy".

#include <massline/core/ids.hpp>
#include <massline/model/registry.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace massline::io {

/// What scope_registry left out or changed, by table and reason.
struct ScopeReport {
  struct Entry {
    std::string table;   ///< table name, as io::Table names it ("pairings")
    std::string reason;  ///< e.g. "an end outside the scope"
    std::size_t count = 0;
    friend bool operator==(const Entry&, const Entry&) = default;
  };
  std::vector<Entry> dropped;  ///< entities left out
  std::vector<Entry> cleared;  ///< entities kept with references to outside removed
};

/// A scoped copy and what was left out.
struct ScopedRegistry {
  Registry registry;
  ScopeReport report;
};

/// The part of @p registry inside the subtree of @p root, ids unchanged (docs/formats.md,
/// "Privacy", lists the rules). An entity is kept when everything it names is inside: the
/// subtree's organisations (the root loses its parent), members whose home organisation is
/// inside, households whose unit is inside, and the records between them. Pairings with an end
/// outside (dual-organisation pairs across the boundary, contact points of organ members
/// outside) and appeals that name anything outside (escalated above the root, a handler or
/// member outside) are dropped; a member's residence community outside, a post holder outside,
/// attendees and co-pledgers outside are cleared from the entity that keeps them; a commitment
/// with no pledger inside is dropped. Throws NotFound for an unknown @p root.
[[nodiscard]] ScopedRegistry scope_registry(const Registry& registry, OrgId root);

/// The pseudonym of @p value of personal field @p field ("name", "address", "phone" or
/// "id_number") under @p key: '#' then the first 20 hex digits of HMAC-SHA-256(key, field + 0x1F
/// + the value's normal form). Empty values stay empty. Equal people give equal tokens for the
/// same key; without the key a token cannot be linked to a value (other than by guessing values
/// and the key together). Throws InvalidArgument "privacy.key" for an empty key.
[[nodiscard]] std::string pseudonym(std::string_view key, std::string_view field, std::string_view value);

/// Replaces every personal field of @p registry (households' head name, address, phone and ID
/// number; members' name, phone and ID number) by its pseudonym under @p key, in place, whole
/// or not at all. Free text (appeal summaries, notes, topics, commitment descriptions) is not
/// touched: it may hold personal data and needs a reading before it leaves. Throws
/// InvalidArgument "privacy.key" for an empty key.
void pseudonymize(Registry& registry, std::string_view key);

}  // namespace massline::io
