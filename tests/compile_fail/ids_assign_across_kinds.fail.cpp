// An OrgId cannot be assigned to a MemberId.
#include <massline/core/ids.hpp>

unsigned compile_fail_probe() {
  massline::OrgId org{1};
  massline::MemberId member{2};
#ifdef MASSLINE_COMPILE_FAIL
  member = org;
#endif
  return member.value() + org.value();
}
