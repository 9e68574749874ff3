// Ids of different kinds cannot be compared.
#include <massline/core/ids.hpp>

bool compile_fail_probe() {
  const massline::OrgId org{1};
  const massline::MemberId member{1};
#ifdef MASSLINE_COMPILE_FAIL
  return org == member;
#else
  return org.value() == member.value();
#endif
}
