// Pledges against the policy: each life-cycle count on hand-made commitments whose expected
// numbers are worked out in the comments, a joint pledge counted for each pledger, as_of
// before, inside and after the period, the quota side from the standard set, and bad input.
#include <massline/core/cancellation.hpp>
#include <massline/policy/pledges.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

namespace massline::policy {
namespace {

Date d(int y, int m, int day) { return make_date(y, m, day); }

struct Fixture {
  Registry r;
  OrgId village;
  Fixture() {
    Organization v;
    v.code = "V";
    v.name = "V";
    v.level = OrgLevel::Community;
    v.sector = Sector::Rural;
    village = r.add(v);
  }
  MemberId member(bool capable = true, std::optional<Date> joined = std::nullopt) {
    Member m;
    m.organization = village;
    m.kinds = {MemberKind::Rural};
    m.capable_of_helping = capable;
    m.joined = joined;
    return r.add(m);
  }
  CommitmentId pledge(std::vector<MemberId> who, Date on, Date due,
                      std::vector<std::pair<CommitmentStatus, Date>> changes = {},
                      CommitmentCategory category = CommitmentCategory::General) {
    Commitment c = Commitment::pledge(std::move(who), category, on, due);
    for (auto [s, day] : changes) c.transition(s, day);
    return r.add(c);
  }
};

const MemberPledges& row_of(const PledgeReport& report, MemberId m) {
  for (const auto& x : report.members)
    if (x.member == m) return x;
  throw std::runtime_error("no row for " + m.to_string());
}

TEST(Pledges, LifeCycleCountsAsOfTheLastDayOfTheYear) {
  Fixture f;
  const MemberId a = f.member();
  const MemberId b = f.member();
  using S = CommitmentStatus;
  // a and b jointly: fulfilled on time (counts for both)
  const CommitmentId joint = f.pledge({a, b}, d(2024, 1, 10), d(2024, 6, 30), {{S::InProgress, d(2024, 2, 1)}, {S::Fulfilled, d(2024, 6, 30)}});
  // a: fulfilled late
  f.pledge({a}, d(2024, 2, 1), d(2024, 3, 31), {{S::Fulfilled, d(2024, 4, 2)}});
  // a: overdue (due in October, still in progress on 31 December)
  const CommitmentId late = f.pledge({a}, d(2024, 3, 1), d(2024, 10, 1), {{S::InProgress, d(2024, 5, 1)}});
  // a: lapsed; a: withdrawn; a: not yet due (2025) and open; a: not yet due but fulfilled early
  f.pledge({a}, d(2024, 4, 1), d(2024, 5, 1), {{S::Lapsed, d(2024, 5, 2)}});
  f.pledge({a}, d(2024, 4, 1), d(2024, 5, 1), {{S::Withdrawn, d(2024, 4, 20)}});
  f.pledge({a}, d(2024, 11, 1), d(2025, 3, 1));
  f.pledge({a}, d(2024, 11, 1), d(2025, 3, 1), {{S::Fulfilled, d(2024, 12, 1)}}, CommitmentCategory::PracticalDeed);
  // a: pledged last year, outside the period
  f.pledge({a}, d(2023, 12, 31), d(2024, 1, 31));
  // b: due on the as_of day itself: expected but not overdue
  f.pledge({b}, d(2024, 12, 1), d(2024, 12, 31));

  const PledgeReport report = check_pledges(f.r, PolicySet::standard(), Period::year(2024));
  EXPECT_EQ(report.as_of, d(2024, 12, 31));
  const MemberPledges& x = row_of(report, a);
  EXPECT_EQ(x.pledged, 7);
  EXPECT_EQ(x.withdrawn, 1);
  EXPECT_EQ(x.expected, 5);  // joint, late, overdue, lapsed, early-fulfilled
  EXPECT_EQ(x.fulfilled, 3);
  EXPECT_EQ(x.fulfilled_on_time, 2);
  EXPECT_EQ(x.lapsed, 1);
  EXPECT_EQ(x.overdue, 1);
  EXPECT_DOUBLE_EQ(x.fulfilment_rate(), 3.0 / 5.0);
  const MemberPledges& y = row_of(report, b);
  EXPECT_EQ(y.pledged, 2);
  EXPECT_EQ(y.expected, 2);
  EXPECT_EQ(y.fulfilled, 1);
  EXPECT_EQ(y.overdue, 0);
  ASSERT_EQ(report.overdue.size(), 1u);
  EXPECT_EQ(report.overdue[0].commitment, late);
  EXPECT_EQ(report.overdue[0].status, S::InProgress);
  EXPECT_EQ(report.overdue[0].days_overdue, 91);  // 1 October to 31 December
  EXPECT_EQ(report.overdue[0].members, std::vector<MemberId>{a});
  // The standard set: capable members pledge 1..2 general pledges a year. a made 6 general
  // pledges in 2024, the withdrawn one included (over the maximum), b 2 (met).
  EXPECT_TRUE(x.has_quota);
  EXPECT_EQ(x.quota_required, 1);
  EXPECT_EQ(x.quota_actual, 6);
  EXPECT_EQ(x.quota_status, ComplianceStatus::Over);
  EXPECT_EQ(y.quota_actual, 2);
  EXPECT_EQ(y.quota_status, ComplianceStatus::Met);
  (void)joint;
}

TEST(Pledges, AsOfMovesTheCounts) {
  Fixture f;
  const MemberId a = f.member();
  using S = CommitmentStatus;
  f.pledge({a}, d(2024, 1, 10), d(2024, 3, 1), {{S::Fulfilled, d(2024, 5, 1)}});
  // Before the due date nothing is expected; the day after it the pledge is overdue; after
  // the fulfilment it counts as fulfilled, late.
  auto at = [&](Date day) { return row_of(check_pledges(f.r, PolicySet::standard(), Period::year(2024), day), a); };
  EXPECT_EQ(at(d(2024, 2, 1)).expected, 0);
  EXPECT_TRUE(std::isnan(at(d(2024, 2, 1)).fulfilment_rate()));
  EXPECT_EQ(at(d(2024, 3, 1)).overdue, 0);
  EXPECT_EQ(at(d(2024, 3, 2)).overdue, 1);
  EXPECT_EQ(at(d(2024, 3, 2)).fulfilled, 0);
  EXPECT_EQ(at(d(2025, 1, 1)).fulfilled, 1);
  EXPECT_EQ(at(d(2025, 1, 1)).fulfilled_on_time, 0);
  EXPECT_EQ(at(d(2025, 1, 1)).overdue, 0);
  // as_of before the pledge: still counted as pledged in the period, but nothing else
  const MemberPledges early = at(d(2023, 6, 1));
  EXPECT_EQ(early.pledged, 1);
  EXPECT_EQ(early.expected, 0);
}

TEST(Pledges, QuotaIsProRatedAndMembersWithoutPledgesAppear) {
  Fixture f;
  const MemberId idle = f.member();
  const MemberId newcomer = f.member(true, d(2024, 7, 1));
  const MemberId not_capable = f.member(false);
  const PledgeReport report = check_pledges(f.r, PolicySet::standard(), Period::year(2024));
  ASSERT_EQ(report.members.size(), 2u);  // not_capable has neither a pledge nor a quota
  EXPECT_EQ(report.members[0].member, idle);
  EXPECT_EQ(report.members[0].quota_status, ComplianceStatus::Short);
  EXPECT_EQ(report.members[0].pledged, 0);
  EXPECT_EQ(report.members[1].member, newcomer);
  EXPECT_EQ(report.members[1].quota_required, 1);  // ceil(1 * 184 / 366)
  (void)not_capable;
  // A set without pledges rules: only members who pledged, without a quota.
  PolicySet none;
  none.name = "none";
  EXPECT_TRUE(check_pledges(f.r, none, Period::year(2024)).members.empty());
  f.pledge({not_capable}, d(2024, 5, 1), d(2024, 6, 1));
  const auto only = check_pledges(f.r, none, Period::year(2024));
  ASSERT_EQ(only.members.size(), 1u);
  EXPECT_FALSE(only.members[0].has_quota);
  EXPECT_EQ(only.members[0].quota_status, ComplianceStatus::NotApplicable);
}

TEST(Pledges, RefusesBadInputAndHonoursCancellation) {
  Fixture f;
  f.member();
  EXPECT_THROW((void)check_pledges(f.r, PolicySet::standard(), Period::year(2024), Date(boost::gregorian::not_a_date_time)),
               InvalidArgument);
  PolicySet bad = PolicySet::standard();
  bad.quotas[0].minimum = -1;
  EXPECT_THROW((void)check_pledges(f.r, bad, Period::year(2024)), InvalidArgument);
  std::atomic<bool> stop{true};
  CancellationScope scope(&stop);
  EXPECT_THROW((void)check_pledges(f.r, PolicySet::standard(), Period::year(2024)), Cancelled);
}

}  // namespace
}  // namespace massline::policy
