// The compliance engine (docs/policy.md, "Compliance"): the registry is compiled once into flat
// CSR arrays (contacts, pairings, commitments and attended activities bucketed by member;
// individual contacts and assistance pairings by household; activities held and dual-organisation
// partners by organisation), then every rule is counted from those arrays per subject and
// evaluation window.
#include <massline/policy/compliance.hpp>

#include <massline/core/cancellation.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <cstdint>
#include <limits>
#include <optional>
#include <variant>

namespace massline::policy {
namespace {

using Day = std::int64_t;
constexpr Day kNoEnd = std::numeric_limits<Day>::max();
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

Day day_of(Date d) { return static_cast<Day>(d.day_number()); }

// Compressed rows: items of bucket b are items[offsets[b] .. offsets[b+1]).
template <class T>
struct Csr {
  std::vector<std::uint32_t> offsets;
  std::vector<T> items;
  [[nodiscard]] std::span<const T> row(std::size_t b) const {
    if (b + 1 >= offsets.size()) return {};
    return {items.data() + offsets[b], offsets[b + 1] - offsets[b]};
  }
};

// Builds CSRs in two passes over the same records: add() counts the bucket's items in the first
// pass and places them in the second, so no list of (bucket, item) pairs is ever built. Rows are
// then sorted by `less` (records mostly arrive in order already: ids grow with dates).
template <class T>
class CsrBuilder {
 public:
  CsrBuilder(Csr<T>& csr, std::size_t buckets) : csr_(csr) { csr_.offsets.assign(buckets + 1, 0); }
  void add(std::uint32_t bucket, const T& item) {
    if (placing_) {
      csr_.items[cursor_[bucket]++] = item;
    } else {
      ++csr_.offsets[bucket + 1];
    }
  }
  // Ends the counting pass.
  void allocate() {
    for (std::size_t b = 1; b < csr_.offsets.size(); ++b) csr_.offsets[b] += csr_.offsets[b - 1];
    csr_.items.resize(csr_.offsets.back());
    cursor_.assign(csr_.offsets.begin(), csr_.offsets.end() - 1);
    placing_ = true;
  }
  template <class Less>
  void finish(Less less) {
    for (std::size_t b = 0; b + 1 < csr_.offsets.size(); ++b) {
      const auto first = csr_.items.begin() + csr_.offsets[b], last = csr_.items.begin() + csr_.offsets[b + 1];
      if (!std::is_sorted(first, last, less)) std::sort(first, last, less);
    }
    cursor_ = {};
  }

 private:
  Csr<T>& csr_;
  std::vector<std::uint32_t> cursor_;
  bool placing_ = false;
};

// Runs @p pass twice, allocating @p builders in between (see CsrBuilder).
template <class Pass, class... Builders>
void two_passes(Pass pass, Builders&... builders) {
  pass();
  (builders.allocate(), ...);
  pass();
}

struct MemberContact {
  Day day = 0;
  std::uint32_t id = 0;
  std::uint32_t household = kNone;
  std::uint32_t org = kNone;
  VisitMode mode = VisitMode::HomeVisit;
  bool concentrated = false;
};
struct HouseholdContact {
  Day day = 0;
  std::uint32_t id = 0;
  std::uint32_t member = 0;
};
struct MemberPairing {
  PairingKind kind = PairingKind::Assistance;
  bool to_household = false;  // the target is a household (else an organisation or a member)
  std::uint32_t id = 0;
  std::uint32_t target = 0;  // household, organisation or member id value
  Day start = 0, end = kNoEnd;
};
struct HouseholdPairing {
  std::uint32_t id = 0;
  std::uint32_t member = kNone;  // kNone for an organisation source
  Day start = 0, end = kNoEnd;
};
struct ActivityRecord {
  Day day = 0;
  std::uint32_t id = 0;
  ActivityKind kind = ActivityKind::SituationMeeting;
};
struct Partner {  // the other side of a dual-organisation pairing
  std::uint32_t id = 0;
  std::uint32_t org = 0;
  Day start = 0, end = kNoEnd;
};
struct CompactHousehold {  // what the coverage rules read of a household, without its strings
  std::uint32_t id = 0;
  std::uint32_t unit = 0;
  HouseholdCategories categories;
};
struct MemberCommitment {
  std::uint32_t id = 0;
  CommitmentCategory category = CommitmentCategory::General;
  Day pledged = 0;
  Day fulfilled = kNoEnd;  // day of the Fulfilled change, kNoEnd when not fulfilled
};

// Orders as function objects, so the per-bucket sorts inline the comparison.
struct ByDayThenId {
  template <class T>
  bool operator()(const T& a, const T& b) const noexcept {
    return a.day != b.day ? a.day < b.day : a.id < b.id;
  }
};
struct ById {
  template <class T>
  bool operator()(const T& a, const T& b) const noexcept {
    return a.id < b.id;
  }
};

// The registry, compiled once.
struct Compiled {
  Csr<MemberContact> member_contacts;
  Csr<HouseholdContact> household_contacts;  // individual contacts naming the household
  Csr<MemberPairing> member_pairings;
  Csr<HouseholdPairing> household_assistance;
  Csr<MemberCommitment> member_commitments;
  Csr<ActivityRecord> member_activities;  // activities the member attended
  Csr<ActivityRecord> org_activities;     // activities the organisation held
  Csr<Partner> partners;                  // dual-organisation pairings, both directions
  std::vector<CompactHousehold> households;  // the live households in id order
};

// Runs @p first on this thread and @p second on another, both under this thread's cancellation
// flag, and rethrows a failure once both have ended.
template <class First, class Second>
void in_parallel(First first, Second second) {
  std::exception_ptr failed;
  const std::atomic<bool>* flag = current_cancellation();
  std::thread worker([&] {
    try {
      const CancellationScope scope(flag);
      second();
    } catch (...) {
      failed = std::current_exception();
    }
  });
  try {
    first();
  } catch (...) {
    worker.join();
    throw;
  }
  worker.join();
  if (failed) std::rethrow_exception(failed);
}

// What the contact rules read of a contact. The registry's contacts are large records (with
// their situation reports): they are read once into these, and the two contact CSRs are built
// from the copy.
struct CompactContact {
  std::int32_t day = 0;
  std::uint32_t id = 0;
  std::uint32_t member = 0;
  std::uint32_t household = kNone;  // kNone when the contact names none
  std::uint32_t org = kNone;
  VisitMode mode = VisitMode::HomeVisit;
  bool collective = false;
  bool concentrated = false;
};

std::vector<CompactContact> compact_contacts(const Registry& r) {
  std::vector<CompactContact> out;
  out.reserve(r.contacts().size());
  std::size_t seen = 0;
  for (const Contact& x : r.contacts()) {
    if ((++seen & 0xFFFF) == 0) throw_if_cancelled();
    out.push_back({static_cast<std::int32_t>(day_of(x.date)), x.id.value(), x.member.value(),
                   x.household ? x.household->value() : kNone, x.organization ? x.organization->value() : kNone, x.mode,
                   x.collective, x.concentrated});
  }
  return out;
}

void compile_contacts(const std::vector<CompactContact>& contacts, std::size_t members, std::size_t households,
                      Compiled& c) {
  // The two CSRs are the bulk of the work: each is built on its own thread from the copy.
  in_parallel(
      [&] {
        CsrBuilder by_member(c.member_contacts, members);
        two_passes(
            [&] {
              for (const CompactContact& x : contacts)
                if (x.member < members)
                  by_member.add(x.member, MemberContact{x.day, x.id, x.household, x.org, x.mode, x.concentrated});
            },
            by_member);
        by_member.finish(ByDayThenId{});
      },
      [&] {
        CsrBuilder by_household(c.household_contacts, households);
        two_passes(
            [&] {
              for (const CompactContact& x : contacts)
                if (x.household < households && !x.collective)
                  by_household.add(x.household, HouseholdContact{x.day, x.id, x.member});
            },
            by_household);
        by_household.finish(ByDayThenId{});
      });
}

void compile_others(const Registry& r, std::size_t members, std::size_t households, std::size_t orgs, Compiled& c);

Compiled compile(const Registry& r) {
  Compiled c;
  const std::size_t members = r.members().capacity_ids();
  const std::size_t households = r.households().capacity_ids();
  const std::size_t orgs = r.organizations().capacity_ids();
  // Reading the contacts is the longest part: everything else is compiled meanwhile.
  std::vector<CompactContact> contacts;
  in_parallel([&] { contacts = compact_contacts(r); }, [&] { compile_others(r, members, households, orgs, c); });
  throw_if_cancelled();
  compile_contacts(contacts, members, households, c);
  return c;
}

// Pairings, households, commitments and activities.
void compile_others(const Registry& r, std::size_t members, std::size_t households, std::size_t orgs, Compiled& c) {
  {
    CsrBuilder by_member(c.member_pairings, members);
    CsrBuilder by_household(c.household_assistance, households);
    CsrBuilder partners(c.partners, orgs);
    two_passes(
        [&] {
          for (const Pairing& p : r.pairings()) {
            const Day start = day_of(p.start);
            const Day end = p.end ? day_of(*p.end) : kNoEnd;
            const MemberId* source = std::get_if<MemberId>(&p.source);
            const std::uint32_t target = std::visit([](auto id) { return id.value(); }, p.target);
            const bool to_household = std::holds_alternative<HouseholdId>(p.target);
            if (source && source->value() < members)
              by_member.add(source->value(), MemberPairing{p.kind, to_household, p.id.value(), target, start, end});
            if (p.kind == PairingKind::Assistance && to_household && target < households)
              by_household.add(target, HouseholdPairing{p.id.value(), source ? source->value() : kNone, start, end});
            const OrgId* from = std::get_if<OrgId>(&p.source);
            if (p.kind == PairingKind::DualOrganization && from && from->value() < orgs && target < orgs) {
              partners.add(from->value(), Partner{p.id.value(), target, start, end});
              partners.add(target, Partner{p.id.value(), from->value(), start, end});
            }
          }
        },
        by_member, by_household, partners);
    by_member.finish(ById{});
    by_household.finish(ById{});
    partners.finish(ById{});
  }
  c.households.reserve(r.households().size());
  for (const Household& h : r.households()) c.households.push_back({h.id.value(), h.unit.value(), h.categories});
  {
    CsrBuilder by_member(c.member_commitments, members);
    two_passes(
        [&] {
          for (const Commitment& x : r.commitments()) {
            MemberCommitment mc{x.id.value(), x.category, day_of(x.pledged_on()), kNoEnd};
            for (const StatusChange& s : x.history)
              if (s.status == CommitmentStatus::Fulfilled) mc.fulfilled = day_of(s.date);
            for (MemberId m : x.members)
              if (m.value() < members) by_member.add(m.value(), mc);
          }
        },
        by_member);
    by_member.finish(ById{});
  }
  {
    CsrBuilder by_member(c.member_activities, members);
    CsrBuilder by_org(c.org_activities, orgs);
    two_passes(
        [&] {
          for (const Activity& x : r.activities()) {
            const ActivityRecord rec{day_of(x.date), x.id.value(), x.kind};
            if (x.organization.value() < orgs) by_org.add(x.organization.value(), rec);
            for (MemberId m : x.attendees)
              if (m.value() < members) by_member.add(m.value(), rec);
          }
        },
        by_member, by_org);
    by_member.finish(ByDayThenId{});
    by_org.finish(ByDayThenId{});
  }
}

// A window [first, last] of the checked period and the length of the calendar period of the
// rule's kind it was clipped from (the pro-rating denominator).
struct Window {
  Date first, last;
  std::int64_t nominal_days = 1;
};

Period calendar_period(QuotaPeriod kind, Date d) {
  const int y = d.year();
  const int m = d.month();
  switch (kind) {
    case QuotaPeriod::Year: return Period::year(y);
    case QuotaPeriod::HalfYear: return Period::half_year(y, m <= 6 ? 1 : 2);
    case QuotaPeriod::Quarter: return Period::quarter(y, (m - 1) / 3 + 1);
    case QuotaPeriod::Month: break;
  }
  return Period::month(y, m);
}

// The calendar periods of @p kind that meet @p checked, each clipped to it.
std::vector<Window> windows(QuotaPeriod kind, const Period& checked) {
  std::vector<Window> out;
  Period p = calendar_period(kind, checked.first());
  while (true) {
    out.push_back({std::max(p.first(), checked.first()), std::min(p.last(), checked.last()), p.days()});
    if (p.last() >= checked.last()) break;
    p = p.next();
  }
  return out;
}

// ceil(a * b / c) for a, b, c >= 0, c > 0, a * b in 64 bits.
std::int64_t ceil_mul_div(std::int64_t a, std::int64_t b, std::int64_t c) { return (a * b + c - 1) / c; }

// Days of [first, last] on which the member belonged (joined/left bounds, when known).
std::int64_t present_days(const Member& m, Date first, Date last) {
  const Date a = m.joined ? std::max(first, *m.joined) : first;
  const Date b = m.left ? std::min(last, *m.left) : last;
  return a > b ? 0 : (b - a).days() + 1;
}

bool overlaps(Day start, Day end, Day a, Day b) { return start <= b && end >= a; }

// Marks seen ids with a per-evaluation stamp, so "distinct" needs no clearing.
struct Seen {
  std::vector<std::uint32_t> stamp;
  std::uint32_t now = 0;
  explicit Seen(std::size_t n) : stamp(n, 0) {}
  void next() {
    if (++now == 0) {
      std::fill(stamp.begin(), stamp.end(), 0);
      now = 1;
    }
  }
  bool first_time(std::uint32_t i) {
    if (i >= stamp.size() || stamp[i] == now) return false;
    stamp[i] = now;
    return true;
  }
};

struct Count {
  std::int64_t value = 0;
  EvidenceKind kind = EvidenceKind::None;
};

// Evaluates rules one at a time over the compiled registry. Each thread of check_compliance has
// its own Engine (its own "distinct" stamps and output); the compiled registry is shared, read-only.
class Engine {
 public:
  Engine(const Registry& r, const PolicySet& p, const Period& period, const Compiled& c)
      : r_(r), p_(p), c_(c), seen_(std::max(r.households().capacity_ids(), r.organizations().capacity_ids())) {
    report_.period = period;
  }

  // The rows (and evidence, offsets from 0) of rule @p index: quota rules first, then coverage.
  ComplianceReport rule(std::size_t index) {
    const Period period = report_.period;
    report_ = ComplianceReport{};
    report_.period = period;
    if (index < p_.quotas.size()) {
      quota(static_cast<std::uint32_t>(index));
    } else {
      coverage(static_cast<std::uint32_t>(index - p_.quotas.size()));
    }
    return std::move(report_);
  }

 private:
  // Counts @p activity of member @p m over [a, b], appending evidence ids when @p keep.
  Count count_member(QuotaActivity activity, std::uint32_t m, Day a, Day b, bool keep) {
    Count out;
    auto add = [&](std::uint32_t id) {
      ++out.value;
      if (keep) report_.evidence_ids.push_back(id);
    };
    auto contacts = c_.member_contacts.row(m);
    auto lo = std::lower_bound(contacts.begin(), contacts.end(), a, [](const MemberContact& x, Day d) { return x.day < d; });
    auto hi = std::upper_bound(lo, contacts.end(), b, [](Day d, const MemberContact& x) { return d < x.day; });
    std::span<const MemberContact> in(lo, hi);
    switch (activity) {
      case QuotaActivity::VisitedHouseholds:
      case QuotaActivity::HomeVisits:
        out.kind = EvidenceKind::Contact;
        seen_.next();
        for (const auto& x : in)
          if (x.household != kNone && (activity == QuotaActivity::VisitedHouseholds || x.mode == VisitMode::HomeVisit) &&
              seen_.first_time(x.household))
            add(x.id);
        break;
      case QuotaActivity::FieldDays:
      case QuotaActivity::HouseholdDays: {
        out.kind = EvidenceKind::Contact;
        Day last = -1;
        for (const auto& x : in)
          if ((activity == QuotaActivity::FieldDays || x.household != kNone) && x.day != last) {
            last = x.day;
            add(x.id);
          }
        break;
      }
      case QuotaActivity::ConcentratedVisits:
        out.kind = EvidenceKind::Contact;
        for (const auto& x : in)
          if (x.concentrated) add(x.id);
        break;
      case QuotaActivity::GoingDownVisits:
        out.kind = EvidenceKind::Contact;
        for (const auto& x : in)
          if (x.org != kNone && (x.mode == VisitMode::GoingDownRegular || x.mode == VisitMode::GoingDownFixedPoint ||
                                 x.mode == VisitMode::GoingDownCircuit))
            add(x.id);
        break;
      case QuotaActivity::ContactHouseholds:
        out.kind = EvidenceKind::Pairing;
        seen_.next();
        for (const auto& x : c_.member_pairings.row(m))
          if (x.kind == PairingKind::ContactHousehold && overlaps(x.start, x.end, a, b) && seen_.first_time(x.target)) add(x.id);
        break;
      case QuotaActivity::AssistancePairings:
      case QuotaActivity::ContactPoints: {
        out.kind = EvidenceKind::Pairing;
        const PairingKind kind = activity == QuotaActivity::AssistancePairings ? PairingKind::Assistance : PairingKind::ContactPoint;
        for (const auto& x : c_.member_pairings.row(m))
          if (x.kind == kind && overlaps(x.start, x.end, a, b)) add(x.id);
        break;
      }
      case QuotaActivity::Pledges:
        out.kind = EvidenceKind::Commitment;
        for (const auto& x : c_.member_commitments.row(m))
          if (x.category == CommitmentCategory::General && x.pledged >= a && x.pledged <= b) add(x.id);
        break;
      case QuotaActivity::ResearchReports:
      case QuotaActivity::PracticalDeeds:
      case QuotaActivity::PetitionsResolved:
      case QuotaActivity::PublicWelfareActivities:
      case QuotaActivity::DifficultFamiliesHelped: {
        out.kind = EvidenceKind::Commitment;
        const auto category = activity == QuotaActivity::ResearchReports    ? CommitmentCategory::ResearchReport
                              : activity == QuotaActivity::PracticalDeeds   ? CommitmentCategory::PracticalDeed
                              : activity == QuotaActivity::PetitionsResolved ? CommitmentCategory::PetitionResolved
                              : activity == QuotaActivity::PublicWelfareActivities ? CommitmentCategory::PublicWelfare
                                                                              : CommitmentCategory::DifficultFamilyHelped;
        for (const auto& x : c_.member_commitments.row(m))
          if (x.category == category && x.fulfilled >= a && x.fulfilled <= b) add(x.id);
        break;
      }
      case QuotaActivity::Trainings:
      case QuotaActivity::GroupActivities:
        out.kind = EvidenceKind::Activity;
        for (const auto& x : activities_in(c_.member_activities.row(m), a, b))
          if (x.kind == activity_kind(activity)) add(x.id);
        break;
      case QuotaActivity::SituationMeetings:
      case QuotaActivity::WorkStudies: break;  // organisation activities (count_org)
    }
    return out;
  }

  // The record kind an activity quota counts (Trainings, GroupActivities, SituationMeetings, WorkStudies).
  static ActivityKind activity_kind(QuotaActivity activity) {
    switch (activity) {
      case QuotaActivity::Trainings: return ActivityKind::Training;
      case QuotaActivity::GroupActivities: return ActivityKind::ConcentratedActivity;
      case QuotaActivity::WorkStudies: return ActivityKind::Study;
      default: return ActivityKind::SituationMeeting;
    }
  }

  static std::span<const ActivityRecord> activities_in(std::span<const ActivityRecord> row, Day a, Day b) {
    auto lo = std::lower_bound(row.begin(), row.end(), a, [](const ActivityRecord& x, Day d) { return x.day < d; });
    auto hi = std::upper_bound(lo, row.end(), b, [](Day d, const ActivityRecord& x) { return d < x.day; });
    return {lo, hi};
  }

  // Situation meetings and work studies held by organisation @p o in [a, b], one each.
  Count count_org(QuotaActivity activity, std::uint32_t o, Day a, Day b) {
    Count out;
    out.kind = EvidenceKind::Activity;
    for (const auto& x : activities_in(c_.org_activities.row(o), a, b))
      if (x.kind == activity_kind(activity)) {
        ++out.value;
        report_.evidence_ids.push_back(x.id);
      }
    return out;
  }

  void push(ComplianceRow row) {
    if (row.status != ComplianceStatus::NotApplicable) {
      row.shortfall = std::max<std::int64_t>(0, row.required - row.actual);
      row.status = row.shortfall > 0                            ? ComplianceStatus::Short
                   : row.maximum >= 0 && row.actual > row.maximum ? ComplianceStatus::Over
                                                                  : ComplianceStatus::Met;
    }
    report_.rows.push_back(row);
    report_.evidence_offsets.push_back(static_cast<std::uint32_t>(report_.evidence_ids.size()));
  }

  void quota(std::uint32_t index) {
    const QuotaRule& q = p_.quotas[index];
    const auto ws = windows(q.period, report_.period);
    const bool is_org = subject_of(q.activity) == Subject::Organization;
    std::size_t seen = 0;
    auto row_base = [&](std::uint32_t subject, const Window& w) {
      ComplianceRow row;
      row.rule_kind = RuleKind::Quota;
      row.rule = index;
      row.subject_kind = is_org ? SubjectKind::Organization : SubjectKind::Member;
      row.subject = subject;
      row.first = w.first;
      row.last = w.last;
      return row;
    };
    if (is_org) {
      for (const Organization& o : r_.organizations()) {
        if ((++seen & 0xFFF) == 0) throw_if_cancelled();
        if (!q.who.matches(o)) continue;
        for (const Window& w : ws) {
          ComplianceRow row = row_base(o.id.value(), w);
          const std::int64_t days = (w.last - w.first).days() + 1;
          fill_required(row, q, days, w.nominal_days);
          const Count n = count_org(q.activity, o.id.value(), day_of(w.first), day_of(w.last));
          row.actual = n.value;
          row.evidence_kind = n.kind;
          push(row);
        }
      }
      return;
    }
    for (const Member& m : r_.members()) {
      if ((++seen & 0xFFF) == 0) throw_if_cancelled();
      const Organization* home = r_.organizations().find(m.organization);
      if (home == nullptr || !q.who.matches(m, *home)) continue;
      for (const Window& w : ws) {
        ComplianceRow row = row_base(m.id.value(), w);
        const std::int64_t present = present_days(m, w.first, w.last);
        fill_required(row, q, present, w.nominal_days);
        if (present == 0) {
          row.status = ComplianceStatus::NotApplicable;
          row.reason = NotApplicableReason::NotPresent;
        } else {
          // Counted over the window clipped to the days the member belonged.
          const Date a = m.joined ? std::max(w.first, *m.joined) : w.first;
          const Date b = m.left ? std::min(w.last, *m.left) : w.last;
          const Count n = count_member(q.activity, m.id.value(), day_of(a), day_of(b), true);
          row.actual = n.value;
          row.evidence_kind = n.kind;
          if (q.ratio) {
            const Count other = count_member(q.ratio->of, m.id.value(), day_of(a), day_of(b), false);
            row.required = std::max(row.required, ceil_mul_div(q.ratio->numerator, other.value, q.ratio->denominator));
          }
        }
        push(row);
      }
    }
  }

  // Pro-rated minimum and maximum: ceil(x * days / nominal_days) (docs/policy.md, "Pro-rating").
  static void fill_required(ComplianceRow& row, const QuotaRule& q, std::int64_t days, std::int64_t nominal) {
    row.required = ceil_mul_div(q.minimum, days, nominal);
    row.maximum = q.maximum ? ceil_mul_div(*q.maximum, days, nominal) : -1;
  }

  static bool in_scope(HouseholdCategories categories, const CoverageRule& c) {
    return c.categories.none() || (categories & c.categories).any();
  }

  bool member_matches(std::uint32_t member, const Selector& by) {
    if (by.is_everyone()) return true;
    const Member* m = r_.members().find(MemberId{member});
    if (m == nullptr) return false;
    const Organization* home = r_.organizations().find(m->organization);
    return home != nullptr && by.matches(*m, *home);
  }

  void coverage(std::uint32_t index) {
    const CoverageRule& c = p_.coverage[index];
    const auto ws = windows(c.period, report_.period);
    if (c.scope == CoverageScope::PairedUnits) {
      paired_units_coverage(index, ws);
      return;
    }
    std::size_t seen = 0;
    if (c.kind == CoverageKind::MembersPair) {
      for (const Member& m : r_.members()) {
        if ((++seen & 0xFFF) == 0) throw_if_cancelled();
        const Organization* home = r_.organizations().find(m.organization);
        if (home == nullptr || !c.by.matches(m, *home)) continue;
        for (const Window& w : ws) {
          ComplianceRow row = coverage_row(index, SubjectKind::Member, m.id.value(), w);
          if (present_days(m, w.first, w.last) == 0) {
            row.status = ComplianceStatus::NotApplicable;
            row.reason = NotApplicableReason::NotPresent;
          } else {
            row.evidence_kind = EvidenceKind::Pairing;
            for (const auto& x : c_.member_pairings.row(m.id.value())) {
              const Household* h =
                  x.kind == PairingKind::Assistance && x.to_household ? r_.households().find(HouseholdId{x.target}) : nullptr;
              if (h != nullptr && in_scope(h->categories, c) && overlaps(x.start, x.end, day_of(w.first), day_of(w.last))) {
                ++row.actual;
                report_.evidence_ids.push_back(x.id);
              }
            }
          }
          push(row);
        }
      }
      return;
    }
    for (const CompactHousehold& h : c_.households) {
      if ((++seen & 0xFFF) == 0) throw_if_cancelled();
      if (!in_scope(h.categories, c)) continue;
      for (const Window& w : ws) {
        ComplianceRow row = coverage_row(index, SubjectKind::Household, h.id, w);
        const Day a = day_of(w.first), b = day_of(w.last);
        if (c.kind == CoverageKind::VisitHouseholds) {
          row.evidence_kind = EvidenceKind::Contact;
          for (const auto& x : c_.household_contacts.row(h.id))
            if (x.day >= a && x.day <= b && member_matches(x.member, c.by)) {
              ++row.actual;
              report_.evidence_ids.push_back(x.id);
            }
        } else {
          row.evidence_kind = EvidenceKind::Pairing;
          for (const auto& x : c_.household_assistance.row(h.id))
            if (overlaps(x.start, x.end, a, b) && (c.by.is_everyone() || (x.member != kNone && member_matches(x.member, c.by)))) {
              ++row.actual;
              report_.evidence_ids.push_back(x.id);
            }
        }
        push(row);
      }
    }
  }

  // Scope paired_units (visit_households only): a household is in scope for a window when an
  // organisation of its unit's ancestry (the unit included) has a dual-organisation pairing active
  // in the window with a "serving" organisation, one that is home to a member matching `by`
  // present in the window; its contacts count when made by such a member of a serving partner.
  void paired_units_coverage(std::uint32_t index, const std::vector<Window>& ws) {
    const CoverageRule& c = p_.coverage[index];
    const std::size_t orgs = r_.organizations().capacity_ids();
    std::vector<std::vector<std::uint8_t>> serving(ws.size(), std::vector<std::uint8_t>(orgs, 0));
    for (const Member& m : r_.members()) {
      const Organization* home = r_.organizations().find(m.organization);
      if (home == nullptr || !c.by.matches(m, *home)) continue;
      for (std::size_t k = 0; k < ws.size(); ++k)
        if (present_days(m, ws[k].first, ws[k].last) > 0) serving[k][m.organization.value()] = 1;
    }
    // Per window, the serving partners of each organisation's ancestry (itself included),
    // computed once per organisation rather than once per household. The ancestry is finite:
    // Registry::validate refuses parent cycles, and the walk stops after as many steps as there
    // are organisations in case an unvalidated registry has one.
    std::vector<std::vector<std::vector<std::uint32_t>>> partners_of(ws.size(), std::vector<std::vector<std::uint32_t>>(orgs));
    for (const Organization& unit : r_.organizations()) {
      for (std::size_t k = 0; k < ws.size(); ++k) {
        const Day a = day_of(ws[k].first), b = day_of(ws[k].last);
        auto& out = partners_of[k][unit.id.value()];
        std::size_t steps = 0;
        for (const Organization* o = &unit; o != nullptr && steps++ < orgs; o = o->parent ? r_.organizations().find(*o->parent) : nullptr)
          for (const Partner& x : c_.partners.row(o->id.value()))
            if (overlaps(x.start, x.end, a, b) && serving[k][x.org] != 0) out.push_back(x.org);
      }
    }
    std::size_t seen = 0;
    for (const CompactHousehold& h : c_.households) {
      if ((++seen & 0xFFF) == 0) throw_if_cancelled();
      if (!in_scope(h.categories, c) || h.unit >= orgs) continue;
      for (std::size_t k = 0; k < ws.size(); ++k) {
        const Day a = day_of(ws[k].first), b = day_of(ws[k].last);
        const std::vector<std::uint32_t>& partners = partners_of[k][h.unit];
        if (partners.empty()) continue;
        ComplianceRow row = coverage_row(index, SubjectKind::Household, h.id, ws[k]);
        row.evidence_kind = EvidenceKind::Contact;
        for (const auto& x : c_.household_contacts.row(h.id)) {
          if (x.day < a || x.day > b) continue;
          const Member* m = r_.members().find(MemberId{x.member});
          if (m == nullptr || std::find(partners.begin(), partners.end(), m->organization.value()) == partners.end() ||
              !member_matches(x.member, c.by))
            continue;
          ++row.actual;
          report_.evidence_ids.push_back(x.id);
        }
        push(row);
      }
    }
  }

  ComplianceRow coverage_row(std::uint32_t index, SubjectKind kind, std::uint32_t subject, const Window& w) const {
    ComplianceRow row;
    row.rule_kind = RuleKind::Coverage;
    row.rule = index;
    row.subject_kind = kind;
    row.subject = subject;
    row.first = w.first;
    row.last = w.last;
    // Coverage minimums are per calendar period; a window shorter than it needs its share, at least 1.
    row.required = std::max<std::int64_t>(1, ceil_mul_div(p_.coverage[index].minimum, (w.last - w.first).days() + 1, w.nominal_days));
    return row;
  }

  const Registry& r_;
  const PolicySet& p_;
  const Compiled& c_;
  Seen seen_;
  ComplianceReport report_;
};

}  // namespace

ComplianceReport check_compliance(const Registry& registry, const PolicySet& policy, const Period& period) {
  policy.check();
  const Compiled compiled = compile(registry);
  // Rules are independent: threads take them in turn and the report joins their rows in rule
  // order, so it is the same whatever the thread count.
  const std::size_t rules = policy.quotas.size() + policy.coverage.size();
  std::vector<ComplianceReport> parts(rules);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed_flag{false};
  auto work = [&] {
    Engine engine(registry, policy, period, compiled);
    for (std::size_t i = next++; i < rules && !failed_flag; i = next++) {
      throw_if_cancelled();
      parts[i] = engine.rule(i);
    }
  };
  const std::size_t threads = std::min<std::size_t>(std::max(1U, std::thread::hardware_concurrency()), rules);
  std::vector<std::exception_ptr> errors(threads);
  {
    const std::atomic<bool>* flag = current_cancellation();
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t)
      pool.emplace_back([&, t] {
        try {
          const CancellationScope scope(flag);
          work();
        } catch (...) {
          errors[t] = std::current_exception();
          failed_flag = true;
        }
      });
    try {
      work();
    } catch (...) {
      if (!errors.empty()) errors[0] = std::current_exception();
      failed_flag = true;
    }
    for (auto& thread : pool) thread.join();
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);

  ComplianceReport report;
  report.period = period;
  for (const auto& q : policy.quotas) report.quota_names.push_back(q.name);
  for (const auto& c : policy.coverage) report.coverage_names.push_back(c.name);
  std::size_t rows = 0, ids = 0;
  for (const auto& part : parts) {
    rows += part.rows.size();
    ids += part.evidence_ids.size();
  }
  report.rows.reserve(rows);
  report.evidence_offsets.reserve(rows + 1);
  report.evidence_ids.reserve(ids);
  for (auto& part : parts) {
    const auto base = static_cast<std::uint32_t>(report.evidence_ids.size());
    report.rows.insert(report.rows.end(), part.rows.begin(), part.rows.end());
    for (std::size_t i = 1; i < part.evidence_offsets.size(); ++i) report.evidence_offsets.push_back(base + part.evidence_offsets[i]);
    report.evidence_ids.insert(report.evidence_ids.end(), part.evidence_ids.begin(), part.evidence_ids.end());
    part = ComplianceReport{};  // free as we go
  }
  return report;
}

std::vector<ComplianceRollup> rollup_compliance(const Registry& registry, const ComplianceReport& report) {
  const std::size_t n = registry.organizations().capacity_ids();
  std::vector<ComplianceRollup> acc(n);
  // Per subject: home organisation, and whether it has an evaluated row / a non-met row.
  auto home_of = [&](const ComplianceRow& row) -> std::optional<std::uint32_t> {
    switch (row.subject_kind) {
      case SubjectKind::Member:
        if (const Member* m = registry.members().find(MemberId{row.subject})) return m->organization.value();
        return std::nullopt;
      case SubjectKind::Household:
        if (const Household* h = registry.households().find(HouseholdId{row.subject})) return h->unit.value();
        return std::nullopt;
      case SubjectKind::Organization: return row.subject;
    }
    return std::nullopt;
  };
  // subject state: bit 1 = evaluated, bit 2 = some evaluated row not met.
  std::vector<std::uint8_t> state[3] = {std::vector<std::uint8_t>(registry.members().capacity_ids(), 0),
                                        std::vector<std::uint8_t>(n, 0),
                                        std::vector<std::uint8_t>(registry.households().capacity_ids(), 0)};
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    if ((i & 0xFFFF) == 0) throw_if_cancelled();
    const ComplianceRow& row = report.rows[i];
    const auto home = home_of(row);
    if (!home || *home >= n) continue;
    ComplianceRollup& a = acc[*home];
    switch (row.status) {
      case ComplianceStatus::Met: ++a.rows_met; break;
      case ComplianceStatus::Short: ++a.rows_short; break;
      case ComplianceStatus::Over: ++a.rows_over; break;
      case ComplianceStatus::NotApplicable: ++a.rows_not_applicable; break;
    }
    if (row.shortfall > a.worst_shortfall) {
      a.worst_shortfall = row.shortfall;
      a.worst_row = static_cast<std::int64_t>(i);
    }
    auto& s = state[static_cast<int>(row.subject_kind)];
    if (row.subject < s.size() && row.status != ComplianceStatus::NotApplicable)
      s[row.subject] |= static_cast<std::uint8_t>(1 | (row.status != ComplianceStatus::Met ? 2 : 0));
  }
  for (int k = 0; k < 3; ++k)
    for (std::uint32_t id = 0; id < state[k].size(); ++id) {
      if ((state[k][id] & 1) == 0) continue;
      ComplianceRow probe;
      probe.subject_kind = static_cast<SubjectKind>(k);
      probe.subject = id;
      const auto home = home_of(probe);
      if (!home || *home >= n) continue;
      ++acc[*home].subjects;
      if ((state[k][id] & 2) == 0) ++acc[*home].subjects_compliant;
    }
  // Children before parents (a parent's level is smaller), then add each into its parent.
  std::vector<const Organization*> orgs;
  for (const Organization& o : registry.organizations()) orgs.push_back(&o);
  std::stable_sort(orgs.begin(), orgs.end(), [](const Organization* x, const Organization* y) { return x->level > y->level; });
  for (const Organization* o : orgs) {
    ComplianceRollup& a = acc[o->id.value()];
    a.org = o->id;
    if (!o->parent || o->parent->value() >= n || !registry.organizations().contains(*o->parent)) continue;
    ComplianceRollup& p = acc[o->parent->value()];
    p.rows_met += a.rows_met;
    p.rows_short += a.rows_short;
    p.rows_over += a.rows_over;
    p.rows_not_applicable += a.rows_not_applicable;
    p.subjects += a.subjects;
    p.subjects_compliant += a.subjects_compliant;
    if (a.worst_shortfall > p.worst_shortfall || (a.worst_shortfall == p.worst_shortfall && a.worst_row >= 0 &&
                                                   (p.worst_row < 0 || a.worst_row < p.worst_row))) {
      p.worst_shortfall = a.worst_shortfall;
      p.worst_row = a.worst_row;
    }
  }
  std::vector<ComplianceRollup> out;
  for (const Organization& o : registry.organizations()) out.push_back(acc[o.id.value()]);
  return out;
}

}  // namespace massline::policy
