// Ids of different kinds cannot be ordered either.
#include <massline/core/ids.hpp>

bool compile_fail_probe() {
  const massline::OrgId org{1};
  const massline::MemberId member{2};
#ifdef MASSLINE_COMPILE_FAIL
  return org < member;
#else
  return org < massline::OrgId{member.value()};
#endif
}
