// The points ledger (docs/policy.md, "Points ledger"): entries derived from the registry's
// records by the set's points rules.
#include <massline/policy/points_ledger.hpp>

#include <massline/core/cancellation.hpp>
#include <massline/policy/compliance.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace massline::policy {

void PointsLedger::append(PointsEntry entry) {
  auto fail = [&](const char* field, const std::string& why) {
    throw InvalidArgument("points.entry", "invalid ledger entry", Location::of("entry " + std::to_string(entries_.size()), field), why);
  };
  if (entry.date.is_special()) fail("date", "an entry needs a date");
  if (!std::isfinite(entry.points) || std::fabs(entry.points) > kMaxPointsPerEvent)
    fail("points", "must be finite and at most " + std::to_string(static_cast<std::int64_t>(kMaxPointsPerEvent)) +
                       " in absolute value, got " + std::to_string(entry.points));
  if (entry.rule != kManualEntry && entry.rule >= rule_names_.size())
    fail("rule", "rule index " + std::to_string(entry.rule) + " is not one of the ledger's " +
                     std::to_string(rule_names_.size()) + " rules");
  if (entry.rule == kManualEntry && entry.source != PointsSource::Manual)
    fail("source", "an entry without a rule is a manual adjustment (source manual)");
  if (entry.source == PointsSource::Manual && entry.rule != kManualEntry)
    fail("source", "an entry of a rule names the record it comes from");
  if (entry.source == PointsSource::Manual && entry.note.empty()) fail("note", "a manual adjustment says why");
  entries_.push_back(std::move(entry));
}

namespace {

class Builder {
 public:
  Builder(const Registry& r, const PolicySet& p, const Period& period) : r_(r), p_(p), period_(period) {}

  PointsLedger run() {
    for (std::uint32_t i = 0; i < p_.points.size(); ++i) {
      throw_if_cancelled();
      rule(i);
    }
    std::sort(entries_.begin(), entries_.end(), [](const PointsEntry& a, const PointsEntry& b) {
      return std::tie(a.date, a.rule, a.source_id, a.member) < std::tie(b.date, b.rule, b.source_id, b.member);
    });
    std::vector<std::string> names;
    for (const auto& x : p_.points) names.push_back(x.name);
    PointsLedger out(std::move(names));
    for (auto& e : entries_) out.append(std::move(e));
    return out;
  }

 private:
  // Whether member @p m matches @p rule and belonged on @p day.
  bool earns(const PointsRule& rule, MemberId m, Date day) const {
    const Member* member = r_.members().find(m);
    if (member == nullptr) return false;
    if ((member->joined && day < *member->joined) || (member->left && day > *member->left)) return false;
    const Organization* home = r_.organizations().find(member->organization);
    return home != nullptr && rule.who.matches(*member, *home);
  }

  void add(std::uint32_t index, MemberId m, Date day, double points, PointsSource source, std::uint32_t id, std::string note = {}) {
    if (!period_.contains(day) || !earns(p_.points[index], m, day)) return;
    entries_.push_back({day, m, index, points, source, id, std::move(note)});
  }

  void rule(std::uint32_t index) {
    const PointsRule& rule = p_.points[index];
    const double pts = rule.points;
    std::size_t seen = 0;
    auto tick = [&] {
      if ((++seen & 0xFFFF) == 0) throw_if_cancelled();
    };
    switch (rule.event) {
      case PointsEvent::Contact:
      case PointsEvent::HomeVisit:
        for (const Contact& c : r_.contacts()) {
          tick();
          if (rule.event == PointsEvent::HomeVisit && !(c.mode == VisitMode::HomeVisit && c.household && !c.collective)) continue;
          add(index, c.member, c.date, pts, PointsSource::Contact, c.id.value());
        }
        break;
      case PointsEvent::PledgeFulfilled:
      case PointsEvent::PledgeLapsed: {
        const auto wanted = rule.event == PointsEvent::PledgeFulfilled ? CommitmentStatus::Fulfilled : CommitmentStatus::Lapsed;
        for (const Commitment& c : r_.commitments()) {
          tick();
          for (const StatusChange& s : c.history)
            if (s.status == wanted)
              for (MemberId m : c.members) add(index, m, s.date, pts, PointsSource::Commitment, c.id.value());
        }
        break;
      }
      case PointsEvent::AppealSolved:
        for (const Appeal& a : r_.appeals()) {
          tick();
          if (a.outcome != AppealOutcome::Solved) continue;
          const AppealStage stage = a.replay().stage;
          if (stage != AppealStage::Disposed && stage != AppealStage::Closed) continue;
          // The disposal that stands: the last one (a reopening undoes the earlier ones).
          Date disposed(boost::gregorian::not_a_date_time);
          for (const AppealEvent& e : a.history)
            if (e.kind == AppealEventKind::Disposed) disposed = e.date;
          if (disposed.is_special()) continue;
          if (a.collected_by) add(index, *a.collected_by, disposed, pts, PointsSource::Appeal, a.id.value());
          if (a.leader_in_charge && a.leader_in_charge != a.collected_by)
            add(index, *a.leader_in_charge, disposed, pts, PointsSource::Appeal, a.id.value());
        }
        break;
      case PointsEvent::ActivityAttended:
        for (const Activity& x : r_.activities()) {
          tick();
          for (MemberId m : x.attendees) add(index, m, x.date, pts, PointsSource::Activity, x.id.value());
        }
        break;
      case PointsEvent::QuotaMet:
      case PointsEvent::QuotaShortfall: quota(index); break;
    }
  }

  void quota(std::uint32_t index) {
    const PointsRule& rule = p_.points[index];
    if (!compliance_) compliance_ = check_compliance(r_, p_, period_);
    const bool met = rule.event == PointsEvent::QuotaMet;
    for (const ComplianceRow& row : compliance_->rows) {
      if (row.rule_kind != RuleKind::Quota || row.subject_kind != SubjectKind::Member) continue;
      if (!rule.quota.empty() && p_.quotas[row.rule].name != rule.quota) continue;
      if (row.status != (met ? ComplianceStatus::Met : ComplianceStatus::Short)) continue;
      const double points = met ? rule.points : rule.points * static_cast<double>(row.shortfall);
      // Dated on the window's last day on which the member belonged, so a member who left
      // mid-window still earns (or loses) the points.
      const Member* member = r_.members().find(MemberId{row.subject});
      if (member == nullptr) continue;
      const Date day = member->left ? std::min(row.last, *member->left) : row.last;
      const std::string note = p_.quotas[row.rule].name + " " + to_iso(row.first) + ".." + to_iso(row.last) +
                               (met ? "" : " shortfall " + std::to_string(row.shortfall));
      if (std::fabs(points) > kMaxPointsPerEvent)
        throw InvalidArgument("points.entry", "points out of range", Location::of("points '" + rule.name + "'", "points"),
                              note + ": " + std::to_string(points) + " points, beyond the limit of one entry");
      add(index, MemberId{row.subject}, day, points, PointsSource::Quota, row.rule, note);
    }
  }

  const Registry& r_;
  const PolicySet& p_;
  const Period& period_;
  std::optional<ComplianceReport> compliance_;
  std::vector<PointsEntry> entries_;
};

}  // namespace

PointsLedger build_points_ledger(const Registry& registry, const PolicySet& policy, const Period& period) {
  policy.check();
  return Builder(registry, policy, period).run();
}

}  // namespace massline::policy
