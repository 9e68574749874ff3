// A MemberId cannot be built from an OrgId, not even explicitly.
#include <massline/core/ids.hpp>

unsigned compile_fail_probe() {
  const massline::OrgId org{1};
#ifdef MASSLINE_COMPILE_FAIL
  const massline::MemberId member(org);
#else
  const massline::MemberId member(org.value());
#endif
  return member.value();
}
