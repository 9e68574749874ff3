#include <massline/io/tables.hpp>

#include <massline/model/registry.hpp>
#include <massline/synth/generate.hpp>
#include <massline/synth/params.hpp>

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace {

using namespace massline;  // NOLINT: the test names many model types
using io::Cell;
using io::CellType;
using io::Column;
using io::ColumnRole;
using io::Row;
using io::Table;
using io::TableSchema;
using io::registry_tables;
using io::table_schema;

std::vector<std::string> column_names(Table table) {
  std::vector<std::string> out;
  for (const Column& column : table_schema(table).columns()) out.push_back(column.name);
  return out;
}

const Column& column(Table table, std::string_view name) {
  const Column* found = table_schema(table).find(name);
  if (found == nullptr) throw std::runtime_error("no column " + std::string(name));
  return *found;
}

/// A registry with every kind of entity and every optional field both set and unset.
struct Fixture {
  Registry r;
  OrgId county, township, community, grid;
  MemberId cadre, in_service;
  HouseholdId h1, h2;
  CommitmentId commitment;
  SurveyResponseId quarterly, custom;

  Fixture() {
    Organization o;
    o.code = "C";
    o.name = "县";
    o.level = OrgLevel::County;
    o.kind = OrgKind::WorkOffice;
    county = r.add(o);
    o.code = "T";
    o.level = OrgLevel::Township;
    o.parent = county;
    township = r.add(o);
    o.code = "V";
    o.level = OrgLevel::Community;
    o.parent = township;
    o.sector = Sector::Urban;
    o.has_service_station = true;
    community = r.add(o);
    o.code = "G";
    o.level = OrgLevel::Grid;
    o.parent = community;
    o.is_service_point = true;
    grid = r.add(o);

    Member m;
    m.code = "M1";
    m.name = "张三";
    m.organization = township;
    m.kinds = {MemberKind::Cadre, MemberKind::Delegate};
    m.cadre_rank = CadreRank::Township;
    m.delegate_level = DelegateLevel::District;
    m.capable_of_helping = true;
    m.specialties = {"law", "farming, fishing"};
    m.role = MemberRole::TownCadreStationed;
    m.joined = make_date(2010, 3, 1);
    cadre = r.add(m);
    Member s;
    s.code = "M2";
    s.organization = county;
    s.kinds = {MemberKind::InService};
    s.residence_community = community;
    s.left = make_date(2024, 6, 30);
    in_service = r.add(s);

    h1 = r.add(Household{.code = "H1", .unit = grid, .categories = {HouseholdCategory::Difficult, HouseholdCategory::FourOlds}, .party_household = true, .size = 3});
    h2 = r.add(Household{.code = "H2", .unit = grid, .categories = {}, .party_household = false, .size = 1});

    Pairing p;
    p.kind = PairingKind::ContactHousehold;
    p.source = cadre;
    p.target = h1;
    p.key_contact = true;
    p.capacity = 4;
    p.start = make_date(2024, 1, 2);
    r.add(p);
    Pairing q;
    q.kind = PairingKind::DualOrganization;
    q.source = township;
    q.target = community;
    q.start = make_date(2023, 5, 1);
    q.end = make_date(2024, 4, 30);
    r.add(q);

    Commitment c = Commitment::pledge({cadre, in_service}, CommitmentCategory::PracticalDeed, make_date(2024, 3, 1),
                                      make_date(2024, 9, 30), "fix the lights");
    c.transition(CommitmentStatus::InProgress, make_date(2024, 4, 1), "started");
    c.evidence = {"photo-1.jpg"};
    commitment = r.add(c);

    ServicePost post;
    post.organization = community;
    post.title = "调解员";
    post.duties = {"mediate", "report"};
    post.holder = cadre;
    post.assignment = PostAssignment::Assigned;
    post.since = make_date(2024, 2, 1);
    r.add(post);
    ServicePost vacant;
    vacant.organization = grid;
    vacant.title = "volunteer";
    r.add(vacant);

    Contact visit;
    visit.member = cadre;
    visit.household = h1;
    visit.date = make_date(2024, 5, 6);
    visit.duration_minutes = 45;
    visit.reports = {{Situation::PublicSentiment, true, "water"}, {Situation::Disaster, false, ""}};
    r.add(visit);
    Contact forum;
    forum.member = in_service;
    forum.organization = community;
    forum.mode = VisitMode::Forum;
    forum.collective = true;
    forum.concentrated = true;
    forum.date = make_date(2024, 5, 7);
    r.add(forum);

    Appeal a;
    a.code = "A1";
    a.household = h1;
    a.collected_by = cadre;
    a.origin = grid;
    a.handler = community;
    a.channel = AppealChannel::Hotline;
    a.subject = SubjectArea::Infrastructure;
    a.appeal_class = AppealClass::ReasonableLawful;
    a.routing = Routing::Transfer;
    a.leader_in_charge = cadre;
    a.summary = "street lights";
    a.due = make_date(2024, 3, 31);
    a.history.push_back({AppealEventKind::Registered, make_date(2024, 3, 1), grid, {}, std::nullopt});
    a.history.push_back({AppealEventKind::Sorted, make_date(2024, 3, 2), std::nullopt, "lamps", std::nullopt});
    a.history.push_back({AppealEventKind::Extended, make_date(2024, 3, 20), std::nullopt, {}, make_date(2024, 4, 15)});
    a.history.push_back({AppealEventKind::FedBack, make_date(2024, 3, 25), community, {}, std::nullopt});
    a.public_answer = PublicAnswer::BasicallySatisfied;
    r.add(a);
    Appeal b;
    b.origin = grid;
    b.handler = grid;
    b.history.push_back({AppealEventKind::Registered, make_date(2024, 6, 1), std::nullopt, {}, std::nullopt});
    r.add(b);

    SurveyResponse one;
    one.respondent = h1;
    one.target = cadre;
    one.period = Period::quarter(2024, 2);
    one.items = {{"overall", 9.0, false}, {"q2", std::nullopt, true}, {"q3", std::nullopt, false}};
    one.weight = 1.5;
    quarterly = r.add(one);
    SurveyResponse two;
    two.respondent = h2;
    two.target = community;
    two.period = Period(make_date(2024, 1, 15), make_date(2024, 2, 14));
    custom = r.add(two);
  }
};

// ---- the description ------------------------------------------------------------------------

TEST(Tables, EveryTableInOrder) {
  const auto& tables = registry_tables();
  ASSERT_EQ(tables.size(), enum_names(Table{}).size());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    EXPECT_EQ(tables[i].table(), static_cast<Table>(i));
    EXPECT_EQ(tables[i].name(), enum_names(Table{})[i]);
    EXPECT_EQ(&table_schema(tables[i].table()), &tables[i]);
    EXPECT_EQ(io::find_table(tables[i].name()), &tables[i]);
  }
  EXPECT_EQ(io::find_table("household"), nullptr);
  EXPECT_EQ(to_name(Table::SurveyItems), "survey_items");
}

TEST(Tables, OrganizationColumns) {
  EXPECT_EQ(column_names(Table::Organizations),
            (std::vector<std::string>{"id", "code", "name", "level", "parent", "sector", "kind", "has_service_station",
                                      "is_service_point"}));
  const Column& id = column(Table::Organizations, "id");
  EXPECT_EQ(id.type, CellType::Id);
  EXPECT_EQ(id.role, ColumnRole::Key);
  EXPECT_EQ(id.references, std::vector<Table>{Table::Organizations});
  const Column& level = column(Table::Organizations, "level");
  EXPECT_EQ(level.type, CellType::Enum);
  EXPECT_TRUE(level.ordered);
  EXPECT_EQ(level.names, (std::vector<std::string_view>{"county", "township", "community", "grid"}));
  const Column& parent = column(Table::Organizations, "parent");
  EXPECT_EQ(parent.type, CellType::Id);
  EXPECT_TRUE(parent.nullable);
  EXPECT_EQ(parent.references, std::vector<Table>{Table::Organizations});
  EXPECT_FALSE(column(Table::Organizations, "sector").ordered);
  EXPECT_EQ(column(Table::Organizations, "code").type, CellType::Text);
  EXPECT_EQ(column(Table::Organizations, "has_service_station").type, CellType::Boolean);
  // Personal columns, and only they, are marked personal.
  for (const auto& schema : registry_tables())
    for (const auto& c : schema.columns())
      EXPECT_EQ(c.personal, c.name == "head_name" || c.name == "address" || c.name == "phone" || c.name == "id_number" ||
                                (c.name == "name" && schema.name() == "members"))
          << schema.name() << "." << c.name;
}

TEST(Tables, ColumnsOfEveryTable) {
  EXPECT_EQ(column_names(Table::Members),
            (std::vector<std::string>{"id", "code", "name", "organization", "residence_community", "cadre_rank",
                                      "delegate_level", "capable_of_helping", "is_leading_cadre", "kind", "role", "joined",
                                      "left", "phone", "id_number"}));
  EXPECT_EQ(column_names(Table::MemberSpecialties), (std::vector<std::string>{"member", "position", "specialty"}));
  EXPECT_EQ(column_names(Table::Households),
            (std::vector<std::string>{"id", "code", "unit", "party_household", "size", "category", "head_name",
                                      "address", "phone", "id_number"}));
  EXPECT_EQ(column_names(Table::Pairings),
            (std::vector<std::string>{"id", "kind", "source_kind", "source", "target_kind", "target", "key_contact",
                                      "capacity", "start", "end"}));
  EXPECT_EQ(column_names(Table::Commitments),
            (std::vector<std::string>{"id", "category", "description", "pledged_on", "due", "status", "joint"}));
  EXPECT_EQ(column_names(Table::CommitmentMembers), (std::vector<std::string>{"commitment", "position", "member"}));
  EXPECT_EQ(column_names(Table::CommitmentHistory),
            (std::vector<std::string>{"commitment", "position", "status", "date", "note"}));
  EXPECT_EQ(column_names(Table::CommitmentEvidence), (std::vector<std::string>{"commitment", "position", "evidence"}));
  EXPECT_EQ(column_names(Table::ServicePosts),
            (std::vector<std::string>{"id", "organization", "title", "holder", "assignment", "since"}));
  EXPECT_EQ(column_names(Table::ServicePostDuties), (std::vector<std::string>{"service_post", "position", "duty"}));
  EXPECT_EQ(column_names(Table::Contacts),
            (std::vector<std::string>{"id", "member", "household", "organization", "mode", "collective",
                                      "concentrated", "date", "duration_minutes"}));
  EXPECT_EQ(column_names(Table::ContactReports),
            (std::vector<std::string>{"contact", "position", "situation", "abnormal", "note"}));
  EXPECT_EQ(column_names(Table::Appeals),
            (std::vector<std::string>{"id", "code", "household", "collected_by", "origin", "handler", "channel",
                                      "subject", "appeal_class", "routing", "leader_in_charge", "summary",
                                      "due", "outcome", "public_answer", "registered", "sorted", "fed_back",
                                      "disposed", "current_due", "stage"}));
  EXPECT_EQ(column_names(Table::AppealHistory),
            (std::vector<std::string>{"appeal", "position", "kind", "date", "organization", "note", "new_due"}));
  EXPECT_EQ(column_names(Table::SurveyResponses),
            (std::vector<std::string>{"id", "respondent", "target_kind", "target", "period_kind", "period_first",
                                      "period_last", "weight"}));
  EXPECT_EQ(column_names(Table::Activities),
            (std::vector<std::string>{"id", "kind", "organization", "date", "ad_hoc", "topic", "attendance"}));
  EXPECT_EQ(column_names(Table::ActivityAttendees), (std::vector<std::string>{"activity", "position", "member"}));
  EXPECT_EQ(column(Table::ActivityAttendees, "member").references, std::vector<Table>{Table::Members});
  EXPECT_EQ(column_names(Table::SurveyItems),
            (std::vector<std::string>{"survey_response", "position", "item", "score", "dont_know"}));
}

TEST(Tables, TypesRolesAndReferences) {
  EXPECT_EQ(column(Table::Members, "is_leading_cadre").role, ColumnRole::Derived);
  EXPECT_EQ(column(Table::Commitments, "status").role, ColumnRole::Derived);
  EXPECT_EQ(column(Table::Commitments, "pledged_on").type, CellType::Date);
  EXPECT_EQ(column(Table::Appeals, "stage").role, ColumnRole::Derived);
  EXPECT_EQ(column(Table::Appeals, "sorted").role, ColumnRole::Derived);
  EXPECT_TRUE(column(Table::Appeals, "due").nullable);
  EXPECT_EQ(column(Table::AppealHistory, "organization").references, std::vector<Table>{Table::Organizations});
  EXPECT_TRUE(column(Table::AppealHistory, "new_due").nullable);
  EXPECT_TRUE(column(Table::Members, "cadre_rank").nullable);
  EXPECT_FALSE(column(Table::Members, "organization").nullable);
  EXPECT_EQ(column(Table::Households, "size").type, CellType::Integer);
  const Column& category = column(Table::Households, "category");
  EXPECT_EQ(category.type, CellType::Flags);
  EXPECT_EQ(category.names.size(), enum_names(HouseholdCategory{}).size());
  EXPECT_EQ(category.names.front(), "difficult");
  EXPECT_EQ(column(Table::Members, "kind").type, CellType::Flags);
  EXPECT_EQ(column(Table::Pairings, "start").type, CellType::Date);
  EXPECT_FALSE(column(Table::Pairings, "start").nullable);
  EXPECT_TRUE(column(Table::Pairings, "end").nullable);
  EXPECT_EQ(column(Table::Members, "role").type, CellType::Enum);
  EXPECT_FALSE(column(Table::Members, "role").nullable);
  EXPECT_EQ(column(Table::Members, "role").names.size(), enum_count<MemberRole>);
  EXPECT_EQ(column(Table::Members, "joined").type, CellType::Date);
  EXPECT_TRUE(column(Table::Members, "joined").nullable);
  EXPECT_TRUE(column(Table::Members, "left").nullable);
  EXPECT_EQ(column(Table::SurveyResponses, "weight").type, CellType::Real);
  EXPECT_TRUE(column(Table::SurveyItems, "score").nullable);
  EXPECT_EQ(column(Table::SurveyResponses, "period_kind").names,
            (std::vector<std::string_view>{"year", "half_year", "quarter", "month", "custom"}));

  // Ids of either kind: the kind column just before names the tables of the id column.
  const Column& source_kind = column(Table::Pairings, "source_kind");
  EXPECT_EQ(source_kind.type, CellType::Enum);
  EXPECT_EQ(source_kind.names, (std::vector<std::string_view>{"member", "organization"}));
  EXPECT_EQ(column(Table::Pairings, "source").references, (std::vector<Table>{Table::Members, Table::Organizations}));
  EXPECT_EQ(column(Table::Pairings, "target_kind").names,
            (std::vector<std::string_view>{"household", "organization", "member"}));
  EXPECT_EQ(column(Table::Pairings, "target").references,
            (std::vector<Table>{Table::Households, Table::Organizations, Table::Members}));
  EXPECT_EQ(column(Table::SurveyResponses, "target").references,
            (std::vector<Table>{Table::Members, Table::Organizations}));
}

TEST(Tables, StructureRules) {
  for (const TableSchema& schema : registry_tables()) {
    SCOPED_TRACE(std::string(schema.name()));
    const auto& columns = schema.columns();
    ASSERT_GE(columns.size(), 2u);
    if (schema.is_side_table()) {
      // Keyed by the owner's id and the position in its list.
      ASSERT_TRUE(schema.owner().has_value());
      EXPECT_FALSE(table_schema(*schema.owner()).is_side_table());
      EXPECT_LT(*schema.owner(), schema.table());
      EXPECT_FALSE(schema.list_field().empty());
      EXPECT_EQ(columns[0].type, CellType::Id);
      EXPECT_EQ(columns[0].role, ColumnRole::Key);
      EXPECT_EQ(columns[0].references, std::vector<Table>{*schema.owner()});
      EXPECT_EQ(columns[1].name, "position");
      EXPECT_EQ(columns[1].type, CellType::Integer);
      EXPECT_EQ(columns[1].role, ColumnRole::Key);
    } else {
      EXPECT_TRUE(schema.list_field().empty());
      EXPECT_EQ(columns[0].name, "id");
      EXPECT_EQ(columns[0].role, ColumnRole::Key);
      EXPECT_EQ(columns[0].references, std::vector<Table>{schema.table()});
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const Column& c = columns[i];
      SCOPED_TRACE(c.name);
      EXPECT_TRUE(static_cast<bool>(c.read));
      EXPECT_EQ(schema.find(c.name), &c);
      EXPECT_EQ(c.type == CellType::Id, !c.references.empty());
      EXPECT_EQ(c.type == CellType::Enum || c.type == CellType::Flags, !c.names.empty());
      if (c.references.size() > 1) {
        ASSERT_GT(i, 0u);
        EXPECT_EQ(columns[i - 1].name, c.name + "_kind");
        ASSERT_EQ(columns[i - 1].names.size(), c.references.size());
        for (std::size_t k = 0; k < c.references.size(); ++k) {
          // The kind names are the entity kinds of the referenced tables (organizations -> organization).
          EXPECT_EQ(std::string(to_name(c.references[k])).rfind(std::string(columns[i - 1].names[k]), 0), 0u);
        }
      }
    }
  }
}

// ---- reading a registry ---------------------------------------------------------------------

std::vector<std::vector<Cell>> rows_of(const Registry& r, Table table) {
  std::vector<std::vector<Cell>> out;
  const TableSchema& schema = table_schema(table);
  schema.for_each_row(r, [&](const Row& row) { out.push_back(schema.read(row)); });
  EXPECT_EQ(out.size(), schema.row_count(r));
  return out;
}

TEST(Tables, ReadsCells) {
  const Fixture f;
  const auto orgs = rows_of(f.r, Table::Organizations);
  ASSERT_EQ(orgs.size(), 4u);
  EXPECT_EQ(orgs[0][0], Cell(std::int64_t{0}));
  EXPECT_EQ(orgs[0][2], Cell(std::string_view("县")));
  EXPECT_EQ(orgs[0][3], Cell(std::int64_t{0}));  // county: code 0 although OrgLevel::County is 1
  EXPECT_EQ(orgs[0][4], Cell());                 // no parent
  EXPECT_EQ(orgs[3][4], Cell(static_cast<std::int64_t>(f.community.value())));

  const auto members = rows_of(f.r, Table::Members);
  EXPECT_EQ(members[0][5], Cell(std::int64_t{3}));  // cadre_rank township
  EXPECT_EQ(members[1][5], Cell());
  EXPECT_EQ(members[0][8], Cell(true));             // a township cadre counts as leading
  const auto kinds = (1u << static_cast<unsigned>(MemberKind::Cadre)) | (1u << static_cast<unsigned>(MemberKind::Delegate));
  EXPECT_EQ(members[0][9], Cell(static_cast<std::int64_t>(kinds)));
  EXPECT_EQ(members[0][10], Cell(static_cast<std::int64_t>(MemberRole::TownCadreStationed)));
  EXPECT_EQ(members[1][10], Cell(std::int64_t{0}));  // role none
  EXPECT_EQ(members[0][11], Cell(make_date(2010, 3, 1)));
  EXPECT_EQ(members[1][11], Cell());
  EXPECT_EQ(members[0][12], Cell());
  EXPECT_EQ(members[1][12], Cell(make_date(2024, 6, 30)));
  const auto specialties = rows_of(f.r, Table::MemberSpecialties);
  ASSERT_EQ(specialties.size(), 2u);
  EXPECT_EQ(specialties[1], (std::vector<Cell>{std::int64_t{0}, std::int64_t{1}, std::string_view("farming, fishing")}));

  const auto pairings = rows_of(f.r, Table::Pairings);
  EXPECT_EQ(pairings[0][2], Cell(std::int64_t{0}));  // source_kind member
  EXPECT_EQ(pairings[1][2], Cell(std::int64_t{1}));  // organization
  EXPECT_EQ(pairings[1][5], Cell(static_cast<std::int64_t>(f.community.value())));
  EXPECT_EQ(pairings[0][7], Cell(std::int64_t{4}));  // capacity
  EXPECT_EQ(pairings[1][7], Cell());
  EXPECT_EQ(pairings[0][9], Cell());
  EXPECT_EQ(pairings[1][9], Cell(make_date(2024, 4, 30)));

  const auto commitments = rows_of(f.r, Table::Commitments);
  EXPECT_EQ(commitments[0][3], Cell(make_date(2024, 3, 1)));  // pledged_on, from the history
  EXPECT_EQ(commitments[0][5], Cell(std::int64_t{1}));        // status in_progress
  EXPECT_EQ(commitments[0][6], Cell(true));                   // joint
  EXPECT_EQ(rows_of(f.r, Table::CommitmentHistory).size(), 2u);
  EXPECT_EQ(rows_of(f.r, Table::CommitmentMembers).size(), 2u);

  const auto items = rows_of(f.r, Table::SurveyItems);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0][3], Cell(9.0));
  EXPECT_EQ(items[1][3], Cell());
  EXPECT_EQ(items[1][4], Cell(true));
  const auto responses = rows_of(f.r, Table::SurveyResponses);
  EXPECT_EQ(responses[0][4], Cell(std::int64_t{2}));  // quarter
  EXPECT_EQ(responses[0][5], Cell(make_date(2024, 4, 1)));
  EXPECT_EQ(responses[0][6], Cell(make_date(2024, 6, 30)));
  EXPECT_EQ(responses[1][4], Cell(std::int64_t{4}));  // custom

  const auto appeals = rows_of(f.r, Table::Appeals);
  EXPECT_EQ(appeals[0][16], Cell(make_date(2024, 3, 2)));    // sorted, from the history
  EXPECT_EQ(appeals[0][19], Cell(make_date(2024, 4, 15)));   // current_due, from the extension
  EXPECT_EQ(appeals[0][20], Cell(std::int64_t{2}));          // stage fed_back
  EXPECT_EQ(appeals[1][8], Cell());                          // no class yet
  EXPECT_EQ(appeals[1][16], Cell());                         // not sorted
  const auto events = rows_of(f.r, Table::AppealHistory);
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[2][2], Cell(std::int64_t{7}));  // extended
  EXPECT_EQ(events[2][6], Cell(make_date(2024, 4, 15)));
  EXPECT_EQ(events[4][0], Cell(std::int64_t{1}));  // owner: the second appeal
}

// ---- the write direction --------------------------------------------------------------------

/// Rebuilds every entity of type T from the table rows alone (its entity table, then its side
/// tables) and compares with the registry.
template <class T, class Entities>
void expect_round_trip(const Registry& r, const Entities& entities, Table table) {
  SCOPED_TRACE(std::string(to_name(table)));
  std::map<std::int64_t, T> rebuilt;
  const TableSchema& schema = table_schema(table);
  for (const auto& cells : rows_of(r, table)) {
    T value;
    schema.assign(&value, cells);
    rebuilt.emplace(std::get<std::int64_t>(cells[0]), std::move(value));
  }
  for (const TableSchema& side : registry_tables()) {
    if (side.owner() != table) continue;
    for (const auto& cells : rows_of(r, side.table())) side.assign(&rebuilt.at(std::get<std::int64_t>(cells[0])), cells);
  }
  ASSERT_EQ(rebuilt.size(), entities.size());
  for (const T& original : entities) {
    EXPECT_TRUE(rebuilt.at(static_cast<std::int64_t>(original.id.value())) == original) << original.id.to_string();
  }
}

void expect_registry_round_trip(const Registry& r) {
  expect_round_trip<Organization>(r, r.organizations(), Table::Organizations);
  expect_round_trip<Member>(r, r.members(), Table::Members);
  expect_round_trip<Household>(r, r.households(), Table::Households);
  expect_round_trip<Pairing>(r, r.pairings(), Table::Pairings);
  expect_round_trip<Commitment>(r, r.commitments(), Table::Commitments);
  expect_round_trip<ServicePost>(r, r.service_posts(), Table::ServicePosts);
  expect_round_trip<Contact>(r, r.contacts(), Table::Contacts);
  expect_round_trip<Appeal>(r, r.appeals(), Table::Appeals);
  expect_round_trip<SurveyResponse>(r, r.survey_responses(), Table::SurveyResponses);
  expect_round_trip<Activity>(r, r.activities(), Table::Activities);
}

TEST(Tables, RoundTripOfEveryEntity) { expect_registry_round_trip(Fixture().r); }

TEST(Tables, RoundTripOfASyntheticPopulation) {
  const Registry r = synth::generate(synth::preset("quyuan"), 5);
  ASSERT_GT(r.households().size(), 1000u);
  expect_registry_round_trip(r);
}

TEST(Tables, DerivedCellsAreNotWritten) {
  const Fixture f;
  const Commitment& original = f.r.get(f.commitment);
  const TableSchema& schema = table_schema(Table::Commitments);
  auto cells = schema.read(Row{&original, 0});
  cells[3] = Cell(std::string_view("anything"));  // pledged_on
  cells[5] = Cell();                              // status
  cells[6] = Cell(2.5);                           // joint
  Commitment c = original;
  schema.assign(&c, cells);
  EXPECT_TRUE(c == original);
}

InvalidArgument assign_error(Table table, io::MutableEntityRef target, const std::vector<Cell>& cells) {
  try {
    table_schema(table).assign(target, cells);
  } catch (const InvalidArgument& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return InvalidArgument("none", "", {}, "");
}

TEST(Tables, AssignRejectsBadCellsAndChangesNothing) {
  const Fixture f;
  const Household original = f.r.get(f.h1);
  const auto good = table_schema(Table::Households).read(Row{&original, 0});
  const auto rejected = [&](std::size_t index, Cell cell, const std::string& code, const std::string& why_part) {
    auto cells = good;
    cells[index] = cell;
    Household h = original;
    const auto e = assign_error(Table::Households, &h, cells);
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_NE(e.why().find(why_part), std::string::npos) << e.what();
    EXPECT_TRUE(h == original) << "assign changed the target before failing";
    return e;
  };
  const auto e = rejected(4, Cell(std::string_view("3")), "tables.cell", "expected an integer, got a text");
  EXPECT_EQ(e.where().entity, "table households");
  EXPECT_EQ(e.where().field, "size");
  rejected(4, Cell(std::int64_t{70000}), "tables.cell", "0 .. 65535");
  rejected(2, Cell(), "tables.cell", "not nullable");
  rejected(2, Cell(std::int64_t{-1}), "tables.cell", "0 .. 4294967295");
  rejected(5, Cell(std::int64_t{1} << 20), "tables.cell", "0 .. 16383");
  rejected(3, Cell(std::int64_t{1}), "tables.cell", "expected a boolean, got an integer");

  Household h;
  EXPECT_EQ(assign_error(Table::Households, &h, std::vector<Cell>(good.begin(), good.end() - 1)).code(), "tables.row");
  Member m;
  EXPECT_EQ(assign_error(Table::Households, &m, good).code(), "tables.row");

  // Enum codes and missing values in nullable enum columns.
  const Member cadre = f.r.get(f.cadre);
  auto cells = table_schema(Table::Members).read(Row{&cadre, 0});
  cells[5] = Cell(std::int64_t{5});  // cadre_rank has 5 names
  Member target;
  EXPECT_EQ(assign_error(Table::Members, &target, cells).code(), "tables.cell");
  cells[5] = Cell();
  table_schema(Table::Members).assign(&target, cells);
  EXPECT_FALSE(target.cadre_rank.has_value());
}

TEST(Tables, EitherKindOfId) {
  const Fixture f;
  const TableSchema& schema = table_schema(Table::Pairings);
  Pairing p;
  auto cells = schema.read(Row{&*f.r.pairings().begin(), 0});
  cells[2] = Cell(std::int64_t{1});   // source_kind organization
  cells[3] = Cell(std::int64_t{7});
  cells[4] = Cell(std::int64_t{1});   // target_kind organization
  cells[5] = Cell(std::int64_t{8});
  schema.assign(&p, cells);
  EXPECT_EQ(p.source, PairingSource(OrgId(7)));
  EXPECT_EQ(p.target, PairingTarget(OrgId(8)));
  cells[4] = Cell(std::int64_t{2});   // target_kind member (an assistance pairing's difficult member)
  schema.assign(&p, cells);
  EXPECT_EQ(p.target, PairingTarget(MemberId(8)));
  EXPECT_EQ(p.capacity, std::optional<std::int32_t>{4});
  cells[4] = Cell(std::int64_t{3});
  EXPECT_EQ(assign_error(Table::Pairings, &p, cells).where().field, "target_kind");
  cells[4] = Cell(std::int64_t{1});
  cells[2] = Cell(std::int64_t{2});
  const auto e = assign_error(Table::Pairings, &p, cells);
  EXPECT_EQ(e.where().field, "source_kind");
}

TEST(Tables, PeriodsMustFitTheirKind) {
  const Fixture f;
  const TableSchema& schema = table_schema(Table::SurveyResponses);
  const auto good = schema.read(Row{&f.r.get(f.quarterly), 0});
  SurveyResponse s;
  auto cells = good;
  cells[4] = Cell(std::int64_t{3});  // month, but the bounds are a quarter's
  const auto e = assign_error(Table::SurveyResponses, &s, cells);
  EXPECT_EQ(e.code(), "tables.cell");
  EXPECT_NE(e.why().find("2024-04-01 .. 2024-04-30"), std::string::npos) << e.what();
  cells[4] = Cell(std::int64_t{4});  // custom: any bounds in order
  schema.assign(&s, cells);
  EXPECT_EQ(s.period, Period(make_date(2024, 4, 1), make_date(2024, 6, 30)));
  cells[5] = Cell(make_date(2024, 7, 1));  // first after last
  EXPECT_EQ(assign_error(Table::SurveyResponses, &s, cells).code(), "tables.cell");
  cells[5] = Cell(make_date(2024, 4, 1));
  cells[4] = Cell(std::int64_t{1});  // half year: 2024-04-01 is not the first day of one
  EXPECT_EQ(assign_error(Table::SurveyResponses, &s, cells).code(), "tables.cell");
  cells[4] = Cell(std::int64_t{0});
  cells[5] = Cell(make_date(2024, 1, 1));
  cells[6] = Cell(make_date(2024, 12, 31));
  schema.assign(&s, cells);
  EXPECT_EQ(s.period, Period::year(2024));
}

TEST(Tables, SideTableRowsGoToTheirPosition) {
  const TableSchema& schema = table_schema(Table::ServicePostDuties);
  ServicePost post;
  const auto row = [](std::int64_t position, std::string_view duty) {
    return std::vector<Cell>{std::int64_t{0}, position, duty};
  };
  schema.assign(&post, row(0, "a"));
  schema.assign(&post, row(1, "b"));
  schema.assign(&post, row(0, "A"));  // replaces
  EXPECT_EQ(post.duties, (std::vector<std::string>{"A", "b"}));
  const auto e = assign_error(Table::ServicePostDuties, &post, row(3, "gap"));
  EXPECT_EQ(e.code(), "tables.position");
  EXPECT_EQ(post.duties.size(), 2u);
  EXPECT_EQ(assign_error(Table::ServicePostDuties, &post, row(-1, "x")).code(), "tables.cell");
  // A failing element leaves the list as it was.
  Contact contact;
  const std::vector<Cell> bad{std::int64_t{0}, std::int64_t{0}, std::int64_t{99}, false, std::string_view("")};
  EXPECT_EQ(assign_error(Table::ContactReports, &contact, bad).code(), "tables.cell");
  EXPECT_TRUE(contact.reports.empty());
  // The owner must be the owning entity.
  Household h;
  EXPECT_EQ(assign_error(Table::ServicePostDuties, &h, row(0, "a")).code(), "tables.row");
}

}  // namespace
