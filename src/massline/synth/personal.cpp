// Personal fields of the synthetic population (docs/synth.md, "Personal fields"): plausible
// Chinese names, addresses, mobile numbers and resident identity numbers. Each entity draws
// from its own stream ("personal household" / "personal member", then its index), so turning
// the fields on or off changes nothing else in the population.
#include "draw.hpp"
#include "stages.hpp"

#include <massline/model/personal_fields.hpp>

#include <array>
#include <cstdio>
#include <string>
#include <string_view>

namespace massline::synth::detail {

namespace {

// Common surnames, each with its rough share of the population in per mille (public surname
// statistics of the 2020 census, rounded); the rest of the mass is spread evenly over the list.
struct Surname {
  std::string_view text;
  double per_mille;
};
constexpr std::array<Surname, 30> kSurnames{{
    {"王", 71}, {"李", 71}, {"张", 68}, {"刘", 54}, {"陈", 46}, {"杨", 31}, {"黄", 24}, {"赵", 23}, {"吴", 20}, {"周", 20},
    {"徐", 15}, {"孙", 15}, {"马", 14}, {"朱", 13}, {"胡", 13}, {"郭", 12}, {"何", 12}, {"林", 11}, {"高", 11}, {"罗", 11},
    {"郑", 10}, {"梁", 9},  {"谢", 8},  {"宋", 8},  {"唐", 8},  {"许", 7},  {"韩", 7},  {"冯", 7},  {"邓", 7},  {"曹", 7},
}};
// Characters common in given names.
constexpr std::array<std::string_view, 48> kGivenCharacters{
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "玉", "兰", "建", "国", "红", "春", "梅",
    "海", "林", "志", "辉", "燕", "斌", "波", "宇", "鹏", "雪", "琴", "云", "新", "成", "德", "荣"};
// Generic street and village names found in many Chinese towns.
constexpr std::array<std::string_view, 16> kRoads{"解放路", "人民路", "建设路", "胜利路", "和平路", "中山路",
                                                  "新华路", "团结路", "东山大道", "沿江大道", "城东大道", "西陵路",
                                                  "学院街", "桃花岭路", "夷陵大道", "港窑路"};
constexpr std::array<std::string_view, 12> kVillages{"红星", "新华", "光明", "联合", "胜利", "团结",
                                                     "和平", "前进", "东风", "建设", "三湾", "桥边"};
// Region code of the identity numbers: Wujiagang District, Yichang, Hubei (420503), where two of
// the presets are; an assumption for the county preset.
constexpr std::string_view kRegionCode = "420503";

std::string person_name(RandomStream& r) {
  static const std::array<double, kSurnames.size()> weights = [] {
    std::array<double, kSurnames.size()> w{};
    double listed = 0;
    for (const Surname& s : kSurnames) listed += s.per_mille;
    for (std::size_t i = 0; i < w.size(); ++i)
      w[i] = kSurnames[i].per_mille + (1000.0 - listed) / static_cast<double>(kSurnames.size());
    return w;
  }();
  std::string name(kSurnames[pick(r, weights)].text);
  const int given = r.uniform() < 0.6 ? 2 : 1;  // two-character given names are the majority (assumption)
  for (int k = 0; k < given; ++k) name += kGivenCharacters[r.uniform_index(kGivenCharacters.size())];
  return name;
}

std::string mobile_number(RandomStream& r) {
  static constexpr std::array<char, 5> second{'3', '5', '7', '8', '9'};
  std::string phone = "1";
  phone += second[r.uniform_index(second.size())];
  for (int k = 0; k < 9; ++k) phone += static_cast<char>('0' + r.uniform_index(10));
  return phone;
}

// An 18-character identity number of someone aged between @p youngest and @p oldest at the end of
// @p year, with a valid date of birth and check character.
std::string identity_number(RandomStream& r, std::int64_t year, int youngest, int oldest) {
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const auto born = static_cast<int>(year - r.uniform_int(youngest, oldest));
  const int month = static_cast<int>(r.uniform_int(1, 12));
  const bool leap = (born % 4 == 0 && born % 100 != 0) || born % 400 == 0;
  const int day = static_cast<int>(r.uniform_int(1, days[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0)));
  char digits[18];
  std::snprintf(digits, sizeof digits, "%04d%02d%02d%03d", born, month, day, static_cast<int>(r.uniform_index(1000)));
  std::string number = std::string(kRegionCode) + digits;
  number += id_number_check_character(number);
  return number;
}

}  // namespace

void add_household_personal_fields(const SynthState& s, std::size_t h, Household& household) {
  RandomStream r = s.root.derive("personal household", h);
  household.head_name = person_name(r);
  const auto community = static_cast<std::size_t>(s.g_community[s.hh_grid[h]]);
  if (s.p.grid_kind == OrgKind::VillageGroup) {
    household.address = std::string(kVillages[community % kVillages.size()]) + "村" +
                        std::to_string(1 + s.hh_grid[h] - s.c_grid_begin[community]) + "组" +
                        std::to_string(r.uniform_int(1, 120)) + "号";
  } else {
    household.address = std::string(kRoads[community % kRoads.size()]) + std::to_string(r.uniform_int(1, 300)) + "号" +
                        std::to_string(r.uniform_int(1, 30)) + "栋" + std::to_string(r.uniform_int(1, 4)) + "单元" +
                        std::to_string(r.uniform_int(1, 18)) + "0" + std::to_string(r.uniform_int(1, 4)) + "室";
  }
  household.phone = mobile_number(r);
  household.id_number = identity_number(r, s.p.year, 25, 85);
}

void add_member_personal_fields(const SynthState& s, std::size_t i, Member& member) {
  RandomStream r = s.root.derive("personal member", i);
  member.phone = mobile_number(r);
  member.id_number = identity_number(r, s.p.year, 22, 75);
}

}  // namespace massline::synth::detail
