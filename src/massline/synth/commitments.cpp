// Commitment stage: members' pledges with their status as of year end, and the delegate groups'
// joint commitments (docs/synth.md, "Pledges" and "Delegates").

#include "stages.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace massline::synth::detail {
namespace {

// Status transitions of a pledge as of the end of the year.
void progress(const SynthParams& p, RandomStream& r, Commitment& c, Date pledged, Date due) {
  const auto span = [&](Date a, Date b) { return static_cast<std::size_t>((b - a).days()) + 1; };
  const double u = r.uniform();
  const bool started = r.uniform() < p.pledge_start_share;
  Date at = pledged;
  auto advance = [&](CommitmentStatus next) {
    at = at + boost::gregorian::date_duration(static_cast<int>(below(r, span(at, due))));
    c.transition(next, at);
  };
  if (u < p.pledge_withdraw_share) {
    advance(CommitmentStatus::Withdrawn);
    return;
  }
  if (started || u < p.pledge_withdraw_share + p.pledge_fulfil_share) advance(CommitmentStatus::InProgress);
  if (u < p.pledge_withdraw_share + p.pledge_fulfil_share) {
    advance(CommitmentStatus::Fulfilled);
  } else if (u < p.pledge_withdraw_share + p.pledge_fulfil_share + p.pledge_lapse_share) {
    c.transition(CommitmentStatus::Lapsed, due);
  }
}

}  // namespace

void build_commitments(SynthState& s) {
  const RandomStream base = s.root.derive("pledges");
  const Date due = make_date(static_cast<int>(s.p.year), 12, 31);
  std::vector<std::vector<Index>> capable_of_org(s.reg.organizations().capacity_ids());
  for (std::size_t i = 0; i < s.plans.size(); ++i)
    if (s.plans[i].member.capable_of_helping) capable_of_org[s.plans[i].member.organization.value()].push_back(static_cast<Index>(i));
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    const Member& m = s.plans[i].member;
    if (!m.capable_of_helping) continue;
    RandomStream r = base.derive(i);
    std::vector<CommitmentCategory> categories;
    if (m.delegate_level && s.p.delegate_five_ones) {
      categories = {CommitmentCategory::ResearchReport, CommitmentCategory::PracticalDeed, CommitmentCategory::PetitionResolved,
                    CommitmentCategory::PublicWelfare, CommitmentCategory::DifficultFamilyHelped};
    } else {
      const int n = 1 + (r.uniform() < s.p.pledge_second_share ? 1 : 0);
      for (int k = 0; k < n; ++k) categories.push_back(static_cast<CommitmentCategory>(pick(r, s.p.pledge_category_weight)));
    }
    for (CommitmentCategory category : categories) {
      std::vector<MemberId> pledgers{member_id(static_cast<Index>(i))};
      if (r.uniform() < s.p.joint_pledge_share) {
        const auto& peers = capable_of_org[m.organization.value()];
        const std::size_t extra = 1 + (r.uniform() < kEvenOdds ? 1 : 0);
        for (std::size_t attempt = 0; attempt < 4 * extra && pledgers.size() < 1 + extra && peers.size() > 1; ++attempt) {
          const MemberId peer = member_id(peers[below(r, peers.size())]);
          if (std::find(pledgers.begin(), pledgers.end(), peer) == pledgers.end()) pledgers.push_back(peer);
        }
      }
      const Date pledged = s.day(static_cast<int>(below(r, kPledgeWindowDays)));
      Commitment c = Commitment::pledge(std::move(pledgers), category, pledged, due);
      progress(s.p, r, c, pledged, due);
      s.reg.add(std::move(c));
    }
  }
  // Delegate groups: one training and the concentrated activities per year, kept jointly (003).
  RandomStream r = s.root.derive("group pledges");
  for (const auto& group : s.groups) {
    std::vector<MemberId> pledgers;
    for (Index i : group) pledgers.push_back(member_id(i));
    const Date training = s.day(static_cast<int>(below(r, static_cast<std::size_t>(s.days / 2))));
    Commitment t = Commitment::pledge(pledgers, CommitmentCategory::General, s.jan1, due, "group training");
    t.transition(CommitmentStatus::Fulfilled, training);
    s.reg.add(std::move(t));
    for (std::int64_t k = 0; k < s.p.campaigns; ++k) {
      Commitment a = Commitment::pledge(pledgers, CommitmentCategory::General, s.jan1, due, "concentrated activity");
      a.transition(CommitmentStatus::Fulfilled, s.campaign_day(k, 0));
      s.reg.add(std::move(a));
    }
  }
}

}  // namespace massline::synth::detail
