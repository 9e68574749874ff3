#pragma once
// A small hand-made network for the network tests; the expected results in the tests are
// worked out by hand from the comments here.
//
//   county C ── township T ── community V ── grids A, B, G (G has no member, no household)
//   organ O (root, level 1): dual-organisation pairing O -> V
//   X: an isolated root (its own component)
//   households h1 (A, difficult), h2 (A, four olds + minimum allowance), h3 (B), h4 (B, party
//   central + difficult); a household added and removed before them leaves a dead id.
//   members m1 (home V), m2 (home B, village cadre), m3 (home O, in service, lives in V),
//   m4 (home A, no pairing).
//   pairings: assistance m1->h1 (from 2024-01-01, open), contact m1->h2 (2024-01-01..2024-06-30),
//   contact m2->h3 (from 2024-03-01, open), assistance B->h4 (an organisation, open),
//   contact point m3->V (open), dual organisation O->V (open). Service post at T held by m2.

#include <massline/model/registry.hpp>

#include <optional>
#include <string>

namespace massline::testing {

struct NetworkFixture {
  Registry r;
  OrgId C, T, V, A, B, G, O, X;
  HouseholdId dead, h1, h2, h3, h4;
  MemberId m1, m2, m3, m4;

  static Organization org(std::string code, OrgLevel level, std::optional<OrgId> parent) {
    Organization o;
    o.code = code;
    o.name = std::move(code);
    o.level = level;
    o.parent = parent;
    return o;
  }
  static Member member(std::string code, OrgId home) {
    Member m;
    m.code = std::move(code);
    m.organization = home;
    m.kinds = {MemberKind::Community};
    return m;
  }
  static Pairing pairing(PairingKind kind, PairingSource source, PairingTarget target, Date start,
                         std::optional<Date> end = std::nullopt) {
    Pairing p;
    p.kind = kind;
    p.source = source;
    p.target = target;
    p.start = start;
    p.end = end;
    return p;
  }

  NetworkFixture() {
    C = r.add(org("C", OrgLevel::County, std::nullopt));
    T = r.add(org("T", OrgLevel::Township, C));
    V = r.add(org("V", OrgLevel::Community, T));
    A = r.add(org("A", OrgLevel::Grid, V));
    B = r.add(org("B", OrgLevel::Grid, V));
    O = r.add(org("O", OrgLevel::County, std::nullopt));
    G = r.add(org("G", OrgLevel::Grid, V));
    X = r.add(org("X", OrgLevel::County, std::nullopt));
    dead = r.add(Household{.code = "DEAD", .unit = A, .categories = {}, .party_household = false, .size = 1});
    h1 = r.add(Household{.code = "H1", .unit = A, .categories = {HouseholdCategory::Difficult}, .party_household = false, .size = 3});
    h2 = r.add(Household{.code = "H2", .unit = A, .categories = {HouseholdCategory::FourOlds, HouseholdCategory::MinimumLivingAllowance}, .party_household = true, .size = 2});
    h3 = r.add(Household{.code = "H3", .unit = B, .categories = {}, .party_household = false, .size = 4});
    h4 = r.add(Household{.code = "H4", .unit = B, .categories = {HouseholdCategory::PartyCentral, HouseholdCategory::Difficult}, .party_household = false, .size = 1});
    r.remove(dead);
    m1 = r.add(member("M1", V));
    Member cadre = member("M2", B);
    cadre.kinds = {MemberKind::Cadre};
    cadre.cadre_rank = CadreRank::Village;
    m2 = r.add(cadre);
    Member in_service = member("M3", O);
    in_service.kinds = {MemberKind::InService};
    in_service.residence_community = V;
    m3 = r.add(in_service);
    m4 = r.add(member("M4", A));
    const Date jan = make_date(2024, 1, 1);
    r.add(pairing(PairingKind::Assistance, m1, h1, jan));
    r.add(pairing(PairingKind::ContactHousehold, m1, h2, jan, make_date(2024, 6, 30)));
    r.add(pairing(PairingKind::ContactHousehold, m2, h3, make_date(2024, 3, 1)));
    r.add(pairing(PairingKind::Assistance, B, h4, jan));
    r.add(pairing(PairingKind::ContactPoint, m3, V, jan));
    r.add(pairing(PairingKind::DualOrganization, O, V, jan));
    ServicePost post;
    post.organization = T;
    post.title = "liaison";
    post.holder = m2;
    r.add(post);
  }
};

}  // namespace massline::testing
