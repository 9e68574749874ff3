// Pledges against the policy (docs/policy.md, "Pledges"). The quota side reuses the compliance
// engine on the set's `pledges` rules alone, so selection, windows and pro-rating are the
// engine's; this file adds the life-cycle counts and the overdue list.
#include <massline/policy/pledges.hpp>

#include <massline/core/cancellation.hpp>

#include <algorithm>
#include <map>

namespace massline::policy {
namespace {

// The status of @p c on @p day: the last change dated on or before it (Pledged before any).
CommitmentStatus status_on(const Commitment& c, Date day) {
  CommitmentStatus s = CommitmentStatus::Pledged;
  for (const StatusChange& x : c.history) {
    if (x.date > day) break;
    s = x.status;
  }
  return s;
}

std::optional<Date> fulfilled_on(const Commitment& c) {
  for (const StatusChange& x : c.history)
    if (x.status == CommitmentStatus::Fulfilled) return x.date;
  return std::nullopt;
}

// Worst first: short, over, met, not_applicable (which says nothing was evaluated).
int severity(ComplianceStatus s) {
  switch (s) {
    case ComplianceStatus::Short: return 3;
    case ComplianceStatus::Over: return 2;
    case ComplianceStatus::Met: return 1;
    case ComplianceStatus::NotApplicable: break;
  }
  return 0;
}

}  // namespace

PledgeReport check_pledges(const Registry& registry, const PolicySet& policy, const Period& period, std::optional<Date> as_of) {
  policy.check();
  PledgeReport out;
  out.period = period;
  out.as_of = as_of.value_or(period.last());
  if (out.as_of.is_special())
    throw InvalidArgument("date.invalid", "as_of is not a date", Location::of("check_pledges", "as_of"),
                          "give a calendar day or leave it unset for the period's last day");
  const Date day = out.as_of;

  std::map<std::uint32_t, MemberPledges> by_member;
  auto of = [&](MemberId m) -> MemberPledges& {
    MemberPledges& x = by_member[m.value()];
    x.member = m;
    return x;
  };

  // The quota side: the compliance engine on the pledges rules only.
  PolicySet quotas;
  quotas.name = policy.name;
  for (const QuotaRule& q : policy.quotas)
    if (q.activity == QuotaActivity::Pledges) quotas.quotas.push_back(q);
  if (!quotas.quotas.empty()) {
    const ComplianceReport rows = check_compliance(registry, quotas, period);
    for (const ComplianceRow& row : rows.rows) {
      MemberPledges& x = of(MemberId{row.subject});
      x.has_quota = true;
      if (row.status == ComplianceStatus::NotApplicable) continue;
      x.quota_required += row.required;
      x.quota_actual += row.actual;
      if (severity(row.status) > severity(x.quota_status)) x.quota_status = row.status;
    }
  }

  std::size_t seen = 0;
  for (const Commitment& c : registry.commitments()) {
    if ((++seen & 0xFFF) == 0) throw_if_cancelled();
    const Date pledged = c.pledged_on();
    if (!period.contains(pledged)) continue;
    const CommitmentStatus now = status_on(c, day);
    const std::optional<Date> done = fulfilled_on(c);
    const bool withdrawn = now == CommitmentStatus::Withdrawn;
    const bool fulfilled = now == CommitmentStatus::Fulfilled;
    const bool expected = !withdrawn && (c.due <= day || fulfilled);
    const bool overdue = !is_final(now) && c.due < day;
    for (MemberId m : c.members) {
      MemberPledges& x = of(m);
      ++x.pledged;
      x.withdrawn += withdrawn ? 1 : 0;
      x.expected += expected ? 1 : 0;
      x.fulfilled += fulfilled ? 1 : 0;
      x.fulfilled_on_time += fulfilled && done && *done <= c.due ? 1 : 0;
      x.lapsed += now == CommitmentStatus::Lapsed ? 1 : 0;
      x.overdue += overdue ? 1 : 0;
    }
    if (overdue) out.overdue.push_back({c.id, c.category, now, pledged, c.due, (day - c.due).days(), c.members});
  }
  out.members.reserve(by_member.size());
  for (auto& [id, x] : by_member) out.members.push_back(std::move(x));
  std::sort(out.overdue.begin(), out.overdue.end(), [](const OverduePledge& a, const OverduePledge& b) {
    return a.due != b.due ? a.due < b.due : a.commitment < b.commitment;
  });
  return out;
}

}  // namespace massline::policy
