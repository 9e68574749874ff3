#include <massline/model/commitment.hpp>

#include <gtest/gtest.h>

namespace massline {
namespace {

Commitment sample() {
  return Commitment::pledge({MemberId{1}}, CommitmentCategory::PracticalDeed, make_date(2024, 2, 1), make_date(2024, 12, 31), "fix lamps");
}

TEST(Commitment, LifeCycle) {
  Commitment c = sample();
  EXPECT_EQ(c.status(), CommitmentStatus::Pledged);
  EXPECT_EQ(c.pledged_on(), make_date(2024, 2, 1));
  EXPECT_FALSE(c.joint());
  c.transition(CommitmentStatus::InProgress, make_date(2024, 3, 1));
  c.transition(CommitmentStatus::Fulfilled, make_date(2024, 3, 1), "lamps fixed");
  EXPECT_EQ(c.status(), CommitmentStatus::Fulfilled);
  EXPECT_EQ(c.history.size(), 3u);
  EXPECT_NO_THROW(c.check());
}

TEST(Commitment, DirectToFinalStatesIsAllowed) {
  for (auto final_status : {CommitmentStatus::Fulfilled, CommitmentStatus::Lapsed, CommitmentStatus::Withdrawn}) {
    Commitment c = sample();
    c.transition(final_status, make_date(2024, 5, 1));
    EXPECT_TRUE(is_final(c.status()));
  }
}

TEST(Commitment, BadTransitionsAreRejectedAndChangeNothing) {
  Commitment c = sample();
  c.transition(CommitmentStatus::Lapsed, make_date(2025, 1, 1));
  const Commitment before = c;
  EXPECT_THROW(c.transition(CommitmentStatus::InProgress, make_date(2025, 1, 2)), InvalidArgument);  // out of final
  EXPECT_EQ(c, before);
  Commitment d = sample();
  EXPECT_THROW(d.transition(CommitmentStatus::Pledged, make_date(2024, 3, 1)), InvalidArgument);
  EXPECT_THROW(d.transition(CommitmentStatus::InProgress, make_date(2024, 1, 1)), InvalidArgument);  // before pledge
  try {
    d.transition(CommitmentStatus::Pledged, make_date(2024, 3, 1));
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "model.commitment.transition");
    EXPECT_EQ(e.summary(), "cannot move from pledged to pledged");
  }
  EXPECT_EQ(d, sample());
}

TEST(Commitment, CheckCatchesInconsistentValues) {
  EXPECT_THROW(Commitment::pledge({}, CommitmentCategory::General, make_date(2024, 1, 1), make_date(2024, 2, 1)), InvalidArgument);
  EXPECT_THROW(Commitment::pledge({MemberId{1}, MemberId{1}}, CommitmentCategory::General, make_date(2024, 1, 1), make_date(2024, 2, 1)),
               InvalidArgument);
  EXPECT_THROW(Commitment::pledge({MemberId{1}}, CommitmentCategory::General, make_date(2024, 3, 1), make_date(2024, 2, 1)),
               InvalidArgument);
  Commitment joint = Commitment::pledge({MemberId{1}, MemberId{2}}, CommitmentCategory::ResearchReport, make_date(2024, 1, 1),
                                        make_date(2024, 6, 1));
  EXPECT_TRUE(joint.joint());
  joint.history.push_back({CommitmentStatus::Pledged, make_date(2024, 2, 1), {}});
  EXPECT_THROW(joint.check(), InvalidArgument);
}

}  // namespace
}  // namespace massline
