#include <massline/model/service_post.hpp>

#include <gtest/gtest.h>

namespace massline {
namespace {

TEST(ServicePost, VacantAndHeldPosts) {
  ServicePost p;
  p.title = "mediator";
  EXPECT_NO_THROW(p.check());
  p.since = make_date(2024, 1, 1);
  EXPECT_THROW(p.check(), InvalidArgument);  // a date without a holder
  p.holder = MemberId{3};
  EXPECT_NO_THROW(p.check());
  p.title.clear();
  EXPECT_THROW(p.check(), InvalidArgument);
  EXPECT_EQ(to_name(PostAssignment::SelfDeclaredAndAssigned), "self_declared_and_assigned");
}

}  // namespace
}  // namespace massline
