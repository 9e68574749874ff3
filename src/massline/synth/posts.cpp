// Service-post stage: the posts of every village/community and their holders (docs/synth.md,
// "Service posts").

#include "stages.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace massline::synth::detail {
namespace {

const std::array<const char*, 8> kPostTitles{"policy publicity", "conflict mediation", "environment and sanitation",
                                             "elderly care", "left-behind children care", "safety patrol",
                                             "volunteer service", "public opinion collection"};

}  // namespace

void build_posts(SynthState& s) {
  RandomStream r = s.root.derive("posts");
  std::vector<std::vector<Index>> residents(s.c_org.size());
  for (std::size_t i = 0; i < s.plans.size(); ++i)
    if (s.plans[i].residence != kNone) residents[s.plans[i].residence].push_back(static_cast<Index>(i));
  std::vector<std::uint8_t> holds(s.plans.size(), 0);
  for (Index c : s.network_communities) {
    std::size_t next_resident = 0;
    const std::size_t offset = below(r, kPostTitles.size());
    for (std::int64_t k = 0; k < s.p.posts_per_community; ++k) {
      ServicePost post;
      post.organization = s.c_org[c];
      post.title = kPostTitles[(offset + static_cast<std::size_t>(k)) % kPostTitles.size()];
      post.duties = {post.title};
      if (r.uniform() < s.p.post_fill_share) {
        // In-service members living here claim posts first (one member, two posts, 001).
        Index holder = kNone;
        while (next_resident < residents[c].size() && holder == kNone) {
          const Index i = residents[c][next_resident++];
          if (!holds[i]) holder = i;
        }
        const auto& capable = s.capable_of_community[c];
        for (int attempt = 0; attempt < 8 && holder == kNone && !capable.empty(); ++attempt) {
          const Index i = capable[below(r, capable.size())];
          if (!holds[i]) holder = i;
        }
        if (holder != kNone) {
          holds[holder] = 1;
          post.holder = member_id(holder);
          post.assignment = static_cast<PostAssignment>(pick(r, s.p.post_assignment_weight));
          post.since = s.earlier_start(r, 1);
        }
      }
      s.reg.add(std::move(post));
    }
  }
}

}  // namespace massline::synth::detail
