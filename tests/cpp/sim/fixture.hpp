#pragma once
// A small hand-built network for the sim tests: county -> township -> community -> grid, with
// households and members whose contact households are given explicitly.
#include <massline/core/date.hpp>
#include <massline/model/registry.hpp>

#include <optional>
#include <string>
#include <vector>

namespace massline::sim::testing {

struct Network {
  Registry r;
  OrgId county, township, community, grid;

  Network() {
    county = org("C", OrgLevel::County, std::nullopt);
    township = org("T", OrgLevel::Township, county);
    community = org("V", OrgLevel::Community, township);
    grid = org("G", OrgLevel::Grid, community);
  }
  OrgId org(const std::string& code, OrgLevel level, std::optional<OrgId> parent) {
    Organization o;
    o.code = code;
    o.name = code;
    o.level = level;
    o.parent = parent;
    return r.add(o);
  }
  std::vector<HouseholdId> households(int n, HouseholdCategories categories = {}) {
    std::vector<HouseholdId> out;
    for (int i = 0; i < n; ++i) {
      Household h;
      h.unit = grid;
      h.categories = categories;
      out.push_back(r.add(h));
    }
    return out;
  }
  /// An ordinary rural member contacting @p contacts, in that order.
  MemberId member(const std::vector<HouseholdId>& contacts) {
    Member m;
    m.name = "m";
    m.kinds = MemberKinds{MemberKind::Rural};
    m.capable_of_helping = true;
    m.organization = community;
    const MemberId id = r.add(m);
    for (HouseholdId h : contacts) {
      Pairing p;
      p.kind = PairingKind::ContactHousehold;
      p.source = id;
      p.target = h;
      p.start = make_date(2024, 1, 1);
      r.add(p);
    }
    return id;
  }
};

}  // namespace massline::sim::testing
