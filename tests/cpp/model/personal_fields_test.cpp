#include <massline/model/personal_fields.hpp>
#include <massline/model/registry.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace massline {
namespace {

TEST(PersonalFields, CheckCharacterOfTheStandardsExamples) {
  // The worked examples of GB 11643-1999.
  EXPECT_EQ(id_number_check_character("11010519491231002"), 'X');
  EXPECT_EQ(id_number_check_character("44052418800101001"), '4');
  EXPECT_EQ(id_number_problem("11010519491231002X"), "");
  // Born in 1880: a valid number once, refused for a living person.
  EXPECT_NE(id_number_problem("440524188001010014").find("from 1900"), std::string::npos);
  EXPECT_EQ(id_number_problem(""), "");  // unknown
}

TEST(PersonalFields, IdNumbersThatBreakTheRuleSayWhy) {
  EXPECT_NE(id_number_problem("11010519491231002x").find("check character"), std::string::npos);  // lower-case x
  EXPECT_NE(id_number_problem("110105194912310021").find("the first 17 digits give 'X'"), std::string::npos);
  EXPECT_NE(id_number_problem("1101051949123100").find("18 characters"), std::string::npos);
  EXPECT_NE(id_number_problem("11010519491231A02X").find("17 characters"), std::string::npos);
  EXPECT_NE(id_number_problem("110105194902300021").find("date of birth"), std::string::npos);  // 30 February
  EXPECT_NE(id_number_problem("110105189912310021").find("from 1900"), std::string::npos);
  EXPECT_EQ(id_number_problem("110105491231002"), "");  // first generation, 1949-12-31
  EXPECT_NE(id_number_problem("110105490231002").find("YYMMDD"), std::string::npos);
  EXPECT_NE(id_number_problem("11010549123100X").find("digits only"), std::string::npos);
  // Bytes that are not UTF-8 are quoted escaped, so the message stays valid UTF-8.
  EXPECT_NE(id_number_problem(std::string("11010519491231002\xFF", 18)).find("\\xFF"), std::string::npos);
}

TEST(PersonalFields, PhoneNumbers) {
  EXPECT_EQ(phone_problem("13900001234"), "");
  EXPECT_EQ(phone_problem("+86 139-0000-1234"), "");
  EXPECT_EQ(phone_problem("(0717) 622 1234"), "");
  EXPECT_NE(phone_problem("0717-6221234转8").find("byte 13"), std::string::npos);
  EXPECT_NE(phone_problem("12").find("3 to 20 digits"), std::string::npos);
  EXPECT_NE(phone_problem("1+2345").find("byte 2"), std::string::npos);  // '+' only leads
  EXPECT_NE(phone_problem(std::string(33, '1')).find("32 bytes"), std::string::npos);
  EXPECT_EQ(normalized_phone("+86 139-0000-1234"), "13900001234");
  EXPECT_EQ(normalized_phone("0086 13900001234"), "13900001234");
  EXPECT_EQ(normalized_phone("(0717) 622-1234"), "07176221234");
}

TEST(PersonalFields, NormalizedTextIgnoresSpacingAndFullWidthForms) {
  EXPECT_EQ(normalized_text("张 三"), normalized_text("张三"));
  EXPECT_EQ(normalized_text("张\xE3\x80\x80三"), "张三");  // ideographic space
  EXPECT_EQ(normalized_text("解放路１２号３栋"), "解放路12号3栋");
  EXPECT_EQ(normalized_text("Room B-2."), "roomb2");
  EXPECT_EQ(normalized_text("ＡＢ－Ｃ"), "abc");
  EXPECT_EQ(normalized_text("阿依古丽·买买提"), "阿依古丽买买提");
  EXPECT_NE(normalized_text("张三"), normalized_text("张山"));
}

TEST(PersonalFields, EntitiesRefuseBadValuesWhereTheyAreChecked) {
  testing::SmallNetwork net;
  Registry& r = net.r;
  Household good;
  good.code = "H9";
  good.unit = net.grid_a;
  good.head_name = "王芳";
  good.address = "解放路12号3栋2单元301室";
  good.phone = "13900001234";
  good.id_number = "11010519491231002X";
  const HouseholdId id = r.add(good);
  EXPECT_EQ(r.households().find(id)->id_number, "11010519491231002X");

  Household bad;
  bad.code = "H10";
  bad.unit = net.grid_a;
  bad.id_number = "110105194912310021";
  try {
    (void)r.add(bad);
    FAIL() << "a bad identity number was accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "model.household");
    EXPECT_NE(std::string(e.what()).find("field 'id_number'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(r.households().size(), 4U);  // nothing stored

  Member m;
  m.code = "P1";
  m.organization = net.grid_a;
  m.phone = "电话";
  try {
    (void)r.add(m);
    FAIL() << "a bad phone was accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.code(), "model.member");
    EXPECT_NE(std::string(e.what()).find("field 'phone'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(r.members().size(), 2U);
}

}  // namespace
}  // namespace massline
