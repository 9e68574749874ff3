// Python bindings for the model layer: enums, flag sets, value types, the Registry with its
// table views, and the column-wise export the pandas frames are built from.
#include "numpy_boundary.hpp"

#include <massline/core/flags.hpp>
#include <massline/io/tables.hpp>
#include <massline/model/registry.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace massline::python {
namespace {

// ---------------------------------------------------------------------------------------------
// Flag sets: immutable, hashable, set-like. Immutable on purpose: an attribute read returns a
// copy, so an in-place `household.categories.add(x)` would silently change nothing.

template <class E>
std::string flags_repr(const std::string& cls_name, const std::string& enum_name, Flags<E> flags) {
  std::string out = cls_name + "([";
  bool first = true;
  constexpr auto names = enum_names(E{});
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!flags.test(static_cast<E>(i))) continue;
    if (!first) out += ", ";
    out += enum_name + "." + std::string(names[i]);
    first = false;
  }
  return out + "])";
}

template <class E>
Flags<E> flags_from_iterable(const py::iterable& values) {
  Flags<E> flags;
  for (py::handle v : values) {
    if (!py::isinstance<E>(v)) {
      throw py::type_error(std::string("expected ") + py::str(py::type::of<E>().attr("__name__")).cast<std::string>() +
                           " values, got " + py::repr(v).cast<std::string>());
    }
    flags.set(v.cast<E>());
  }
  return flags;
}

template <class E>
constexpr std::size_t enum_count = enum_names(E{}).size();

template <class E>
void bind_flags(py::module_& m, const char* name, const char* enum_name, const char* doc) {
  using F = Flags<E>;
  const std::string cls_name(name);
  const std::string element(enum_name);
  py::class_<F> cls(m, name, doc);
  cls.def(py::init<>(), "The empty set.")
      .def(py::init(&flags_from_iterable<E>), py::arg("values"), "Set of the given enumerators (any iterable).")
      .def_static("from_bits", &F::from_bits, py::arg("bits"), "From the raw bit pattern (bit i = enumerator i).")
      .def_property_readonly("bits", &F::bits, "The raw bit pattern (bit i = enumerator i).")
      .def("__int__", &F::bits)
      .def("__len__", [](F f) { return static_cast<std::size_t>(f.count()); })
      .def("__bool__", &F::any)
      .def("__contains__", [](F f, E e) { return f.test(e); }, py::arg("value"))
      .def("__iter__",
           [](F f) {
             py::list out;
             for (std::size_t i = 0; i < enum_count<E>; ++i)
               if (f.test(static_cast<E>(i))) out.append(py::cast(static_cast<E>(i)));
             return py::iter(out);
           })
      .def("names", [](F f) {
             std::vector<std::string> out;
             for (std::size_t i = 0; i < enum_count<E>; ++i)
               if (f.test(static_cast<E>(i))) out.emplace_back(enum_names(E{})[i]);
             return out;
           }, "Names of the members, in enumerator order.")
      .def("with_", [](F f, E e) { return f.set(e); }, py::arg("value"), "A copy with `value` added.")
      .def("without", [](F f, E e) { return f.reset(e); }, py::arg("value"), "A copy with `value` removed.")
      .def("intersects", &F::intersects, py::arg("other"), "True when the sets share a member.")
      .def("__or__", [](F a, F b) { return F::from_bits(a.bits() | b.bits()); }, py::is_operator())
      .def("__ror__", [](F a, F b) { return F::from_bits(a.bits() | b.bits()); }, py::is_operator())
      .def("__and__", [](F a, F b) { return F::from_bits(a.bits() & b.bits()); }, py::is_operator())
      .def("__rand__", [](F a, F b) { return F::from_bits(a.bits() & b.bits()); }, py::is_operator())
      .def("__sub__", [](F a, F b) { return F::from_bits(a.bits() & ~b.bits()); }, py::is_operator())
      .def("__eq__", [](F a, F b) { return a == b; }, py::is_operator())
      .def("__le__", [](F a, F b) { return (a.bits() & ~b.bits()) == 0; }, py::is_operator())
      .def("__ge__", [](F a, F b) { return (b.bits() & ~a.bits()) == 0; }, py::is_operator())
      .def("__hash__", [](F f) { return py::hash(py::int_(f.bits())); })
      .def("__repr__", [cls_name, element](F f) { return flags_repr<E>(cls_name, element, f); })
      .def(py::pickle([](F f) { return py::make_tuple(f.bits()); },
                      [name](const py::tuple& s) {
                        require_state_size(s, 1, name);
                        return F::from_bits(s[0].cast<std::uint32_t>());
                      }));
  // Sets, lists and tuples of enumerators convert implicitly: h.categories = {HouseholdCategory.difficult}.
  py::implicitly_convertible<py::iterable, F>();
}

// ---------------------------------------------------------------------------------------------
// Value types: by-value attributes, keyword constructors, repr, ==, pickling.

template <class T>
using Class = py::class_<T>;

// A read/write attribute returning a copy (never a reference into the object, so a value read
// earlier does not change when the attribute is reassigned).
template <class T, class F>
void field(Class<T>& cls, const char* name, F T::*member, const char* doc) {
  cls.def_property(
      name, [member](const T& self) -> F { return self.*member; },
      [member](T& self, std::conditional_t<std::is_same_v<F, bool>, StrictBool, F> value) {
        self.*member = static_cast<F>(std::move(value));
      },
      doc);
}

// Range-checked narrowing for small unsigned fields (household size, minutes).
std::uint16_t to_u16(long long value, const std::string& entity, const char* field_name) {
  if (value < 0 || value > std::numeric_limits<std::uint16_t>::max()) {
    throw InvalidArgument("model.range", "value out of range", Location::of(entity, field_name),
                          "must be 0..65535, got " + std::to_string(value));
  }
  return static_cast<std::uint16_t>(value);
}

template <class T>
void value_protocol(Class<T>& cls, const char* name, std::vector<std::string> fields) {
  const std::string cls_name(name);
  cls.def("__repr__", [cls_name, fields](const py::object& self) {
    std::string out = cls_name + "(";
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ", ";
      // Enum values print as OrgLevel.township (their str), so the repr reads as a constructor call.
      const py::object value = self.attr(fields[i].c_str());
      const bool is_enum = py::hasattr(py::type::handle_of(value), "__members__");
      out += fields[i] + "=" + (is_enum ? py::str(value) : py::repr(value)).template cast<std::string>();
    }
    return out + ")";
  });
  cls.def("__eq__", [](const T& a, const T& b) { return a == b; }, py::is_operator());
  cls.def("__copy__", [](const T& self) { return T(self); });
  cls.def("__deepcopy__", [](const T& self, const py::dict&) { return T(self); }, py::arg("memo"));
  cls.def(py::pickle(
      [fields](const py::object& self) {
        py::dict state;
        for (const auto& f : fields) state[f.c_str()] = self.attr(f.c_str());
        return state;
      },
      [fields, cls_name](const py::dict& state) {
        py::object obj = py::type::of<T>()();
        for (auto item : state) {
          const auto key = item.first.cast<std::string>();
          if (std::find(fields.begin(), fields.end(), key) == fields.end()) {
            throw InvalidArgument("pickle.state", "unknown field in pickled " + cls_name, Location::of(cls_name, key),
                                  "not an attribute of " + cls_name);
          }
          py::setattr(obj, item.first, item.second);
        }
        return obj.cast<T>();
      }));
}

void bind_enums(py::module_& m) {
  auto level = bind_enum<OrgLevel>(m, "OrgLevel",
                                   "Level in the network: 1 county (top) .. 4 grid (bottom). Compares with ints "
                                   "and orders, so `org.level == 3` and `org.level < OrgLevel.grid` work; "
                                   "hash(OrgLevel.community) == hash(3).",
                                   py::arithmetic());
  // pybind11 compares scoped enums only with their own type, even with py::arithmetic(); the
  // texts number levels, so OrgLevel compares with plain ints too (bool excluded).
  auto comparable = [](const py::object& other) -> std::optional<long long> {
    if (py::isinstance<OrgLevel>(other)) return static_cast<long long>(other.cast<OrgLevel>());
    if (PyLong_Check(other.ptr()) && !PyBool_Check(other.ptr())) return other.cast<long long>();
    return std::nullopt;
  };
  auto define = [&](const char* name, auto op) {
    level.attr(name) = py::cpp_function(
        [comparable, op](OrgLevel self, const py::object& other) -> py::object {
          const auto rhs = comparable(other);
          if (!rhs) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
          return py::bool_(op(static_cast<long long>(self), *rhs));
        },
        py::name(name), py::is_method(level), py::arg("other"));
  };
  define("__eq__", [](long long a, long long b) { return a == b; });
  define("__ne__", [](long long a, long long b) { return a != b; });
  define("__lt__", [](long long a, long long b) { return a < b; });
  define("__le__", [](long long a, long long b) { return a <= b; });
  define("__gt__", [](long long a, long long b) { return a > b; });
  define("__ge__", [](long long a, long long b) { return a >= b; });
  py::implicitly_convertible<py::int_, OrgLevel>();
  bind_enum<Sector>(m, "Sector", "The kind of society an organisation belongs to.");
  bind_enum<OrgKind>(m, "OrgKind", "What an organisation is (work office, station, branch...).");
  bind_enum<MemberKind>(m, "MemberKind", "Kinds of party member; a member can be several.");
  bind_enum<CadreRank>(m, "CadreRank", "Cadre rank; all but 'village' are leading cadres.");
  bind_enum<DelegateLevel>(m, "DelegateLevel", "Level of the party congress a delegate sits in.");
  bind_enum<MemberRole>(m, "MemberRole", "Role of a member beyond kinds and ranks; one per member.");
  bind_enum<HouseholdCategory>(m, "HouseholdCategory", "Household categories; a household can have several.");
  bind_enum<PairingKind>(m, "PairingKind", "What a pairing is; fixes which ends are allowed.");
  bind_enum<CommitmentCategory>(m, "CommitmentCategory", "Category of a pledge.");
  bind_enum<CommitmentStatus>(m, "CommitmentStatus", "Pledged -> in_progress -> fulfilled | lapsed | withdrawn.");
  bind_enum<PostAssignment>(m, "PostAssignment", "How the holder came to a service post.");
  bind_enum<VisitMode>(m, "VisitMode", "How a contact happened.");
  bind_enum<Situation>(m, "Situation", "The five situations a contact may report on.");
  bind_enum<AppealChannel>(m, "AppealChannel", "Where an appeal came in.");
  bind_enum<SubjectArea>(m, "SubjectArea", "Subject area of an appeal.");
  bind_enum<AppealClass>(m, "AppealClass", "Class assigned to an appeal when sorting.");
  bind_enum<Routing>(m, "Routing", "How a sorted appeal is routed.");
  bind_enum<AppealStage>(m, "AppealStage", "Stage of an appeal, derived from its history ('sorted' = in handling).");
  bind_enum<AppealEventKind>(m, "AppealEventKind", "What happened to an appeal: one entry of its history.");
  bind_enum<AppealOutcome>(m, "AppealOutcome", "How an appeal was disposed of.");
  bind_enum<PublicAnswer>(m, "PublicAnswer", "The public's answer to the feedback on an appeal.");
  bind_enum<ActivityKind>(m, "ActivityKind", "What an activity (not a visit) is.");

  m.def("is_final", &is_final, py::arg("status"), "True for fulfilled, lapsed and withdrawn.");
  m.def("is_leading", &is_leading, py::arg("rank"), "True for ranks counted as leading cadres.");
}

void bind_organization(py::module_& m) {
  Class<Organization> cls(m, "Organization",
                          "An organisation of the four-level network (or an organ/school/enterprise that joins "
                          "it). Cross-organisation rules (parent level, cycles, unique codes) are kept by the "
                          "Registry; check() covers what one value can tell about itself.");
  cls.def(py::init([](std::string code, std::string name, OrgLevel level, std::optional<OrgId> parent, Sector sector,
                      OrgKind kind, StrictBool has_service_station, StrictBool is_service_point, OrgId id) {
            Organization o;
            o.id = id;
            o.code = std::move(code);
            o.name = std::move(name);
            o.level = level;
            o.parent = parent;
            o.sector = sector;
            o.kind = kind;
            o.has_service_station = has_service_station;
            o.is_service_point = is_service_point;
            return o;
          }),
          py::kw_only(), py::arg("code") = "", py::arg("name") = "", py::arg("level") = OrgLevel::Grid,
          py::arg("parent") = py::none(), py::arg("sector") = Sector::Rural, py::arg("kind") = OrgKind::Other,
          py::arg("has_service_station") = false, py::arg("is_service_point") = false, py::arg("id") = OrgId{},
          "Keyword-only; defaults as in C++. `level` also accepts 1..4.");
  field(cls, "id", &Organization::id, "OrgId, assigned by Registry.add.");
  field(cls, "code", &Organization::code, "External code, unique when not empty.");
  field(cls, "name", &Organization::name, "Name.");
  field(cls, "level", &Organization::level, "OrgLevel (1 county .. 4 grid).");
  field(cls, "parent", &Organization::parent, "Parent OrgId, None only for a root.");
  field(cls, "sector", &Organization::sector, "Sector.");
  field(cls, "kind", &Organization::kind, "OrgKind.");
  field(cls, "has_service_station", &Organization::has_service_station, "Runs a party-member service station.");
  field(cls, "is_service_point", &Organization::is_service_point, "Is a party-member service point.");
  cls.def("check", &Organization::check, "Raises InvalidArgument when the level is outside 1..4.");
  value_protocol(cls, "Organization",
                 {"id", "code", "name", "level", "parent", "sector", "kind", "has_service_station", "is_service_point"});
}

void bind_member(py::module_& m) {
  Class<Member> cls(m, "Member", "A party member.");
  cls.def(py::init([](std::string code, std::string name, MemberKinds kinds, std::optional<CadreRank> cadre_rank,
                      std::optional<DelegateLevel> delegate_level, StrictBool capable_of_helping,
                      std::vector<std::string> specialties, OrgId organization,
                      std::optional<OrgId> residence_community, MemberRole role, std::optional<Date> joined,
                      std::optional<Date> left, std::string phone, std::string id_number, MemberId id) {
            Member v;
            v.id = id;
            v.code = std::move(code);
            v.name = std::move(name);
            v.kinds = kinds;
            v.cadre_rank = cadre_rank;
            v.delegate_level = delegate_level;
            v.capable_of_helping = capable_of_helping;
            v.specialties = std::move(specialties);
            v.organization = organization;
            v.residence_community = residence_community;
            v.role = role;
            v.joined = joined;
            v.left = left;
            v.phone = std::move(phone);
            v.id_number = std::move(id_number);
            return v;
          }),
          py::kw_only(), py::arg("code") = "", py::arg("name") = "", py::arg("kinds") = MemberKinds{},
          py::arg("cadre_rank") = py::none(), py::arg("delegate_level") = py::none(),
          py::arg("capable_of_helping") = false, py::arg("specialties") = std::vector<std::string>{},
          py::arg("organization") = OrgId{}, py::arg("residence_community") = py::none(),
          py::arg("role") = MemberRole::None, py::arg("joined") = py::none(), py::arg("left") = py::none(),
          py::arg("phone") = "", py::arg("id_number") = "", py::arg("id") = MemberId{},
          "Keyword-only; defaults as in C++. `kinds` accepts any iterable of MemberKind.");
  field(cls, "id", &Member::id, "MemberId, assigned by Registry.add.");
  field(cls, "code", &Member::code, "External code, unique when not empty.");
  field(cls, "name", &Member::name, "Name.");
  field(cls, "kinds", &Member::kinds, "MemberKinds (immutable set; assign a new one to change).");
  field(cls, "cadre_rank", &Member::cadre_rank, "CadreRank, set exactly when kinds has cadre.");
  field(cls, "delegate_level", &Member::delegate_level, "DelegateLevel, set exactly when kinds has delegate.");
  field(cls, "capable_of_helping", &Member::capable_of_helping, "Expected to pair and pledge.");
  field(cls, "specialties", &Member::specialties, "List of specialties (a copy; assign a new list to change).");
  field(cls, "organization", &Member::organization, "Home OrgId (any level).");
  field(cls, "residence_community", &Member::residence_community, "Where an in-service member also serves.");
  field(cls, "role", &Member::role, "MemberRole: role beyond kinds and ranks (none for most).");
  field(cls, "joined", &Member::joined, "Date the member joined (for pro-rating quotas), None when unknown.");
  field(cls, "left", &Member::left, "Date the member left, None while still a member; not before `joined`.");
  field(cls, "phone", &Member::phone, "Phone number, empty when unknown (personal field, docs/model.md).");
  field(cls, "id_number", &Member::id_number, "Resident identity number, empty when unknown (personal field).");
  cls.def_property_readonly("is_leading_cadre", &Member::is_leading_cadre, "Has a leading cadre rank.");
  cls.def("check", &Member::check,
          "Raises InvalidArgument when rank/delegate level/role disagree with the kinds, `left` is before `joined` or "
          "the phone or ID number breaks its rule.");
  value_protocol(cls, "Member",
                 {"id", "code", "name", "kinds", "cadre_rank", "delegate_level", "capable_of_helping", "specialties",
                  "organization", "residence_community", "role", "joined", "left", "phone", "id_number"});
}

void bind_household(py::module_& m) {
  m.attr("FIVE_MUST_VISIT") = py::cast(kFiveMustVisit);
  Class<Household> cls(m, "Household", "A household of the public, belonging to exactly one level-4 unit.");
  cls.def(py::init([](std::string code, OrgId unit, HouseholdCategories categories, StrictBool party_household,
                      long long size, std::string head_name, std::string address, std::string phone,
                      std::string id_number, HouseholdId id) {
            Household h;
            h.id = id;
            h.code = std::move(code);
            h.unit = unit;
            h.categories = categories;
            h.party_household = party_household;
            h.size = to_u16(size, id.to_string(), "size");
            h.head_name = std::move(head_name);
            h.address = std::move(address);
            h.phone = std::move(phone);
            h.id_number = std::move(id_number);
            return h;
          }),
          py::kw_only(), py::arg("code") = "", py::arg("unit") = OrgId{},
          py::arg("categories") = HouseholdCategories{}, py::arg("party_household") = false, py::arg("size") = 1,
          py::arg("head_name") = "", py::arg("address") = "", py::arg("phone") = "", py::arg("id_number") = "",
          py::arg("id") = HouseholdId{},
          "Keyword-only; defaults as in C++. `categories` accepts any iterable of HouseholdCategory.");
  field(cls, "id", &Household::id, "HouseholdId, assigned by Registry.add.");
  field(cls, "code", &Household::code, "External code, unique when not empty.");
  field(cls, "unit", &Household::unit, "OrgId of the level-4 unit.");
  field(cls, "categories", &Household::categories, "HouseholdCategories (immutable set; assign to change).");
  field(cls, "party_household", &Household::party_household, "Has party members.");
  cls.def_property(
      "size", [](const Household& h) { return h.size; },
      [](Household& h, long long size) { h.size = to_u16(size, h.id.to_string(), "size"); },
      "People in the household, 1..65535.");
  field(cls, "head_name", &Household::head_name, "The household head's name, empty when unknown (personal field, docs/model.md).");
  field(cls, "address", &Household::address, "Address, empty when unknown (personal field).");
  field(cls, "phone", &Household::phone, "Phone number, empty when unknown (personal field).");
  field(cls, "id_number", &Household::id_number, "The head's resident identity number, empty when unknown (personal field).");
  cls.def("check", &Household::check, "Raises InvalidArgument when size is 0 or the phone or ID number breaks its rule.");
  value_protocol(cls, "Household", {"id", "code", "unit", "categories", "party_household", "size", "head_name", "address",
                                    "phone", "id_number"});
}

void bind_pairing(py::module_& m) {
  Class<Pairing> cls(m, "Pairing",
                     "A dated relation. Allowed ends per kind: assistance member|org -> household|hardship member; "
                     "dual_organization org -> org; contact_household member -> household; contact_point "
                     "member -> org.");
  cls.def(py::init([](PairingKind kind, PairingSource source, PairingTarget target, StrictBool key_contact,
                      std::optional<std::int32_t> capacity, Date start, std::optional<Date> end, PairingId id) {
            Pairing p;
            p.id = id;
            p.kind = kind;
            p.source = source;
            p.target = target;
            p.key_contact = key_contact;
            p.capacity = capacity;
            p.start = start;
            p.end = end;
            return p;
          }),
          py::kw_only(), py::arg("kind") = PairingKind::Assistance, py::arg("source") = PairingSource{MemberId{}},
          py::arg("target") = PairingTarget{HouseholdId{}}, py::arg("key_contact") = false,
          py::arg("capacity") = py::none(), py::arg("start") = py::none(), py::arg("end") = py::none(),
          py::arg("id") = PairingId{},
          "Keyword-only. `source` is a MemberId or OrgId, `target` a HouseholdId, OrgId or (assistance only) "
          "the MemberId of a difficult member; `capacity` None or >= 1.");
  field(cls, "id", &Pairing::id, "PairingId, assigned by Registry.add.");
  field(cls, "kind", &Pairing::kind, "PairingKind.");
  field(cls, "source", &Pairing::source, "The serving side: MemberId or OrgId.");
  field(cls, "target", &Pairing::target,
        "The served side: HouseholdId, OrgId, or (assistance only) MemberId of a hardship member.");
  field(cls, "key_contact", &Pairing::key_contact, "For contact_household: marked key by hardship.");
  field(cls, "capacity", &Pairing::capacity,
        "How many targets the source can take for this kind (>= 1), None when not set; "
        "Registry.validate reports a source over it.");
  field(cls, "start", &Pairing::start, "Start date (None when unset).");
  field(cls, "end", &Pairing::end, "End date, None while active.");
  cls.def("check", &Pairing::check, "Raises InvalidArgument when the ends do not fit the kind or dates are wrong.");
  cls.def("active_on", &Pairing::active_on, py::arg("day"), "Started and not yet ended on `day`.");
  value_protocol(cls, "Pairing", {"id", "kind", "source", "target", "key_contact", "capacity", "start", "end"});
}

void bind_commitment(py::module_& m) {
  Class<StatusChange> change(m, "StatusChange", "One dated status change of a commitment.");
  change.def(py::init([](CommitmentStatus status, Date date, std::string note) {
               return StatusChange{status, date, std::move(note)};
             }),
             py::kw_only(), py::arg("status") = CommitmentStatus::Pledged, py::arg("date") = py::none(),
             py::arg("note") = "", "Keyword-only.");
  field(change, "status", &StatusChange::status, "CommitmentStatus.");
  field(change, "date", &StatusChange::date, "Date of the change.");
  field(change, "note", &StatusChange::note, "Free text.");
  value_protocol(change, "StatusChange", {"status", "date", "note"});

  Class<Commitment> cls(m, "Commitment",
                        "A pledge by one or more members (joint when several), with dated status transitions. "
                        "Build new ones with Commitment.pledge(...).");
  cls.def(py::init([](std::vector<MemberId> members, CommitmentCategory category, std::string description, Date due,
                      std::vector<StatusChange> history, std::vector<std::string> evidence, CommitmentId id) {
            Commitment c;
            c.id = id;
            c.members = std::move(members);
            c.category = category;
            c.description = std::move(description);
            c.due = due;
            c.history = std::move(history);
            c.evidence = std::move(evidence);
            return c;
          }),
          py::kw_only(), py::arg("members") = std::vector<MemberId>{},
          py::arg("category") = CommitmentCategory::General, py::arg("description") = "", py::arg("due") = py::none(),
          py::arg("history") = std::vector<StatusChange>{}, py::arg("evidence") = std::vector<std::string>{},
          py::arg("id") = CommitmentId{}, "Keyword-only, every field as stored; see also pledge().");
  cls.def_static("pledge", &Commitment::pledge, py::arg("members"), py::arg("category"), py::arg("pledged"),
                 py::arg("due"), py::arg("description") = "",
                 "A new pledge by `members` on `pledged`, due on `due`; raises InvalidArgument when inconsistent.");
  field(cls, "id", &Commitment::id, "CommitmentId, assigned by Registry.add.");
  field(cls, "members", &Commitment::members, "Pledging MemberIds (a copy; assign a new list to change).");
  field(cls, "category", &Commitment::category, "CommitmentCategory.");
  field(cls, "description", &Commitment::description, "Free text.");
  field(cls, "due", &Commitment::due, "Due date.");
  field(cls, "history", &Commitment::history, "List of StatusChange, first one 'pledged' (a copy).");
  field(cls, "evidence", &Commitment::evidence, "References to photos, reports, signatures (a copy).");
  cls.def_property_readonly("joint", &Commitment::joint, "More than one pledger.");
  cls.def_property_readonly("status", &Commitment::status, "Current CommitmentStatus (last change).");
  cls.def_property_readonly("pledged_on", &Commitment::pledged_on, "Date of the pledge.");
  cls.def("transition", &Commitment::transition, py::arg("status"), py::arg("date"), py::arg("note") = "",
          "Moves to `status` on `date`; raises InvalidArgument for a move out of a final state, back to "
          "pledged, to the same state, or dated before the previous change.");
  cls.def("check", &Commitment::check, "Raises InvalidArgument when pledgers, dates or history are inconsistent.");
  value_protocol(cls, "Commitment", {"id", "members", "category", "description", "due", "history", "evidence"});
}

void bind_service_post(py::module_& m) {
  Class<ServicePost> cls(m, "ServicePost", "A post with duties defined by an organisation; vacant without holder.");
  cls.def(py::init([](OrgId organization, std::string title, std::vector<std::string> duties,
                      std::optional<MemberId> holder, PostAssignment assignment, std::optional<Date> since,
                      ServicePostId id) {
            ServicePost s;
            s.id = id;
            s.organization = organization;
            s.title = std::move(title);
            s.duties = std::move(duties);
            s.holder = holder;
            s.assignment = assignment;
            s.since = since;
            return s;
          }),
          py::kw_only(), py::arg("organization") = OrgId{}, py::arg("title") = "",
          py::arg("duties") = std::vector<std::string>{}, py::arg("holder") = py::none(),
          py::arg("assignment") = PostAssignment::SelfDeclared, py::arg("since") = py::none(),
          py::arg("id") = ServicePostId{}, "Keyword-only; defaults as in C++.");
  field(cls, "id", &ServicePost::id, "ServicePostId, assigned by Registry.add.");
  field(cls, "organization", &ServicePost::organization, "OrgId defining the post.");
  field(cls, "title", &ServicePost::title, "Title (required).");
  field(cls, "duties", &ServicePost::duties, "List of duties (a copy).");
  field(cls, "holder", &ServicePost::holder, "MemberId holding it, None when vacant.");
  field(cls, "assignment", &ServicePost::assignment, "PostAssignment.");
  field(cls, "since", &ServicePost::since, "When the holder took the post.");
  cls.def("check", &ServicePost::check, "Raises InvalidArgument without title or with a date but no holder.");
  value_protocol(cls, "ServicePost", {"id", "organization", "title", "duties", "holder", "assignment", "since"});
}

void bind_contact(py::module_& m) {
  Class<SituationReport> report(m, "SituationReport", "A five-situation report made during a contact.");
  report.def(py::init([](Situation situation, StrictBool abnormal, std::string note) {
               return SituationReport{situation, abnormal, std::move(note)};
             }),
             py::kw_only(), py::arg("situation") = Situation::PublicSentiment, py::arg("abnormal") = false,
             py::arg("note") = "", "Keyword-only.");
  field(report, "situation", &SituationReport::situation, "Situation.");
  field(report, "abnormal", &SituationReport::abnormal, "Abnormal reports must reach the leader in charge.");
  field(report, "note", &SituationReport::note, "Free text.");
  value_protocol(report, "SituationReport", {"situation", "abnormal", "note"});

  Class<Contact> cls(m, "Contact",
                     "One contact by a member: with a household (individual) or at an organisation (collective).");
  cls.def(py::init([](MemberId member, std::optional<HouseholdId> household, std::optional<OrgId> organization,
                      VisitMode mode, StrictBool collective, StrictBool concentrated, Date date, long long duration_minutes,
                      std::vector<SituationReport> reports, ContactId id) {
            Contact c;
            c.id = id;
            c.member = member;
            c.household = household;
            c.organization = organization;
            c.mode = mode;
            c.collective = collective;
            c.concentrated = concentrated;
            c.date = date;
            c.duration_minutes = to_u16(duration_minutes, id.to_string(), "duration_minutes");
            c.reports = std::move(reports);
            return c;
          }),
          py::kw_only(), py::arg("member") = MemberId{}, py::arg("household") = py::none(),
          py::arg("organization") = py::none(), py::arg("mode") = VisitMode::HomeVisit,
          py::arg("collective") = false, py::arg("concentrated") = false, py::arg("date") = py::none(),
          py::arg("duration_minutes") = 0, py::arg("reports") = std::vector<SituationReport>{},
          py::arg("id") = ContactId{}, "Keyword-only; defaults as in C++.");
  field(cls, "id", &Contact::id, "ContactId, assigned by Registry.add.");
  field(cls, "member", &Contact::member, "MemberId who made the contact.");
  field(cls, "household", &Contact::household, "HouseholdId met (individual contacts) or None.");
  field(cls, "organization", &Contact::organization, "OrgId where a collective contact took place, or None.");
  field(cls, "mode", &Contact::mode, "VisitMode.");
  field(cls, "collective", &Contact::collective, "Collective (forum, group) rather than individual.");
  field(cls, "concentrated", &Contact::concentrated, "Part of a concentrated campaign.");
  field(cls, "date", &Contact::date, "Date of the contact.");
  cls.def_property(
      "duration_minutes", [](const Contact& c) { return c.duration_minutes; },
      [](Contact& c, long long v) { c.duration_minutes = to_u16(v, c.id.to_string(), "duration_minutes"); },
      "Duration in minutes, 0..65535.");
  field(cls, "reports", &Contact::reports, "List of SituationReport (a copy).");
  cls.def("check", &Contact::check, "Raises InvalidArgument without date or without anyone contacted.");
  value_protocol(cls, "Contact",
                 {"id", "member", "household", "organization", "mode", "collective", "concentrated", "date",
                  "duration_minutes", "reports"});
}

void bind_appeal(py::module_& m) {
  Class<AppealEvent> event_cls(m, "AppealEvent", "One dated event of an appeal's history.");
  event_cls.def(py::init([](AppealEventKind kind, Date date, std::optional<OrgId> organization, std::string note,
                        std::optional<Date> new_due) {
              return AppealEvent{kind, date, organization, std::move(note), new_due};
            }),
            py::kw_only(), py::arg("kind") = AppealEventKind::Registered, py::arg("date") = py::none(),
            py::arg("organization") = py::none(), py::arg("note") = "", py::arg("new_due") = py::none(),
            "Keyword-only.");
  field(event_cls, "kind", &AppealEvent::kind, "AppealEventKind.");
  field(event_cls, "date", &AppealEvent::date, "Date of the event.");
  field(event_cls, "organization", &AppealEvent::organization,
        "OrgId acting, or receiving for transferred/escalated (required there); None when not recorded.");
  field(event_cls, "note", &AppealEvent::note, "Free text.");
  field(event_cls, "new_due", &AppealEvent::new_due, "Extended only (required there): the new due date.");
  value_protocol(event_cls, "AppealEvent", {"kind", "date", "organization", "note", "new_due"});

  Class<Appeal> cls(m, "Appeal",
                    "An appeal from the public; its life cycle (registered -> sorted -> fed back -> disposed, "
                    "with transfers, escalations, pauses, extensions, reopening, closing, dropping) is the "
                    "append-only `history`, from which the stage and the stage dates are derived.");
  cls.def(py::init([](std::string code, std::optional<HouseholdId> household, std::optional<MemberId> collected_by,
                      OrgId origin, OrgId handler, AppealChannel channel, SubjectArea subject,
                      std::optional<AppealClass> appeal_class, std::optional<Routing> routing,
                      std::optional<MemberId> leader_in_charge, std::string summary, std::optional<Date> due,
                      std::vector<AppealEvent> history, std::optional<AppealOutcome> outcome,
                      std::optional<PublicAnswer> public_answer, AppealId id) {
            Appeal a;
            a.id = id;
            a.code = std::move(code);
            a.household = household;
            a.collected_by = collected_by;
            a.origin = origin;
            a.handler = handler;
            a.channel = channel;
            a.subject = subject;
            a.appeal_class = appeal_class;
            a.routing = routing;
            a.leader_in_charge = leader_in_charge;
            a.summary = std::move(summary);
            a.due = due;
            a.history = std::move(history);
            a.outcome = outcome;
            a.public_answer = public_answer;
            return a;
          }),
          py::kw_only(), py::arg("code") = "", py::arg("household") = py::none(),
          py::arg("collected_by") = py::none(), py::arg("origin") = OrgId{}, py::arg("handler") = OrgId{},
          py::arg("channel") = AppealChannel::HomeVisit, py::arg("subject") = SubjectArea::Other,
          py::arg("appeal_class") = py::none(), py::arg("routing") = py::none(),
          py::arg("leader_in_charge") = py::none(), py::arg("summary") = "", py::arg("due") = py::none(),
          py::arg("history") = std::vector<AppealEvent>{}, py::arg("outcome") = py::none(),
          py::arg("public_answer") = py::none(), py::arg("id") = AppealId{},
          "Keyword-only; defaults as in C++. See also Appeal.registered_on(...).");
  cls.def_static("registered_on", &Appeal::registered_on, py::arg("day"), py::arg("unit"), py::arg("due") = py::none(),
                 "A new appeal registered on `day` at `unit` (origin and handler), due on `due` if given.");
  field(cls, "id", &Appeal::id, "AppealId, assigned by Registry.add.");
  field(cls, "code", &Appeal::code, "External code, unique when not empty.");
  field(cls, "household", &Appeal::household, "HouseholdId who raised it, when known.");
  field(cls, "collected_by", &Appeal::collected_by, "MemberId who took it in.");
  field(cls, "origin", &Appeal::origin, "OrgId of the unit where it was registered.");
  field(cls, "handler", &Appeal::handler, "OrgId currently handling it (the last transfer or escalation, if any).");
  field(cls, "channel", &Appeal::channel, "AppealChannel.");
  field(cls, "subject", &Appeal::subject, "SubjectArea.");
  field(cls, "appeal_class", &Appeal::appeal_class, "AppealClass, set exactly when sorted.");
  field(cls, "routing", &Appeal::routing, "Routing, set exactly when sorted.");
  field(cls, "leader_in_charge", &Appeal::leader_in_charge, "MemberId of the leader in charge of a key case.");
  field(cls, "summary", &Appeal::summary, "Free text.");
  field(cls, "due", &Appeal::due, "The original due date, or None (extensions are events).");
  field(cls, "history", &Appeal::history, "List of AppealEvent, first one 'registered' (a copy).");
  field(cls, "outcome", &Appeal::outcome, "AppealOutcome, only once disposed.");
  field(cls, "public_answer", &Appeal::public_answer, "PublicAnswer to the feedback, only once fed back.");
  cls.def_property_readonly("registered", &Appeal::registered, "Registration date (the first event's).");
  cls.def_property_readonly("sorted", &Appeal::sorted, "Date of the first sorting, or None.");
  cls.def_property_readonly("fed_back", &Appeal::fed_back, "Date of the first feedback, or None.");
  cls.def_property_readonly("disposed", &Appeal::disposed,
                            "Date of the disposal in force (none after a later reopening), or None.");
  cls.def_property_readonly("current_due", &Appeal::current_due,
                            "Due date in force: the last extension's, else the original; None without one.");
  cls.def_property_readonly("stage", &Appeal::stage, "AppealStage derived from the history.");
  cls.def(
      "record",
      [](Appeal& a, AppealEvent event, std::optional<AppealClass> appeal_class, std::optional<Routing> routing,
         std::optional<AppealOutcome> outcome, std::optional<PublicAnswer> public_answer) {
        a.record(std::move(event), AppealChange{appeal_class, routing, outcome, public_answer});
      },
      py::arg("event"), py::kw_only(), py::arg("appeal_class") = py::none(), py::arg("routing") = py::none(),
      py::arg("outcome") = py::none(), py::arg("public_answer") = py::none(),
      "Appends `event` with the fields it settles; raises InvalidArgument ('model.appeal.event') and changes "
      "nothing when the life cycle refuses it. A transfer or escalation moves `handler`.");
  cls.def("check", &Appeal::check,
          "Raises InvalidArgument for an impossible history (naming the event index) or fields that do not fit it.");
  value_protocol(cls, "Appeal",
                 {"id", "code", "household", "collected_by", "origin", "handler", "channel", "subject",
                  "appeal_class", "routing", "leader_in_charge", "summary", "due", "history", "outcome",
                  "public_answer"});
}

void bind_activity(py::module_& m) {
  Class<Activity> cls(m, "Activity",
                      "An activity that is not a visit (situation meeting, training, study, a delegate group's "
                      "concentrated activity) held by an organisation, with the members who attended.");
  cls.def(py::init([](ActivityKind kind, OrgId organization, Date date, StrictBool ad_hoc,
                      std::vector<MemberId> attendees, std::string topic, ActivityId id) {
            Activity a;
            a.id = id;
            a.kind = kind;
            a.organization = organization;
            a.date = date;
            a.ad_hoc = ad_hoc;
            a.attendees = std::move(attendees);
            a.topic = std::move(topic);
            return a;
          }),
          py::kw_only(), py::arg("kind") = ActivityKind::SituationMeeting, py::arg("organization") = OrgId{},
          py::arg("date") = py::none(), py::arg("ad_hoc") = false, py::arg("attendees") = std::vector<MemberId>{},
          py::arg("topic") = "", py::arg("id") = ActivityId{}, "Keyword-only; defaults as in C++.");
  field(cls, "id", &Activity::id, "ActivityId, assigned by Registry.add.");
  field(cls, "kind", &Activity::kind, "ActivityKind.");
  field(cls, "organization", &Activity::organization, "OrgId of the organisation holding it.");
  field(cls, "date", &Activity::date, "Date of the activity.");
  field(cls, "ad_hoc", &Activity::ad_hoc, "Called for an emergency rather than on the regular schedule.");
  field(cls, "attendees", &Activity::attendees,
        "MemberIds who attended, none twice (a copy; empty = attendance not recorded).");
  field(cls, "topic", &Activity::topic, "Free text.");
  cls.def("check", &Activity::check, "Raises InvalidArgument without a date or with an attendee listed twice.");
  value_protocol(cls, "Activity", {"id", "kind", "organization", "date", "ad_hoc", "attendees", "topic"});
}

void bind_survey(py::module_& m) {
  Class<ItemScore> item(m, "ItemScore",
                        "Answer to one survey item; a missing answer (score None) and don't-know are distinct.");
  item.def(py::init([](std::string name, std::optional<double> score, StrictBool dont_know) {
             return ItemScore{std::move(name), score, dont_know};
           }),
           py::kw_only(), py::arg("item") = "", py::arg("score") = py::none(), py::arg("dont_know") = false,
           "Keyword-only.");
  field(item, "item", &ItemScore::item, "Item name, e.g. 'overall'.");
  field(item, "score", &ItemScore::score, "Score on the survey's scale, None when missing or don't-know.");
  field(item, "dont_know", &ItemScore::dont_know, "Answered don't-know.");
  value_protocol(item, "ItemScore", {"item", "score", "dont_know"});

  Class<SurveyResponse> cls(m, "SurveyResponse",
                            "One household's answers about a member or a unit for a period.");
  cls.def(py::init([](HouseholdId respondent, SurveyTarget target, Period period, std::vector<ItemScore> items,
                      double weight, SurveyResponseId id) {
            SurveyResponse r;
            r.id = id;
            r.respondent = respondent;
            r.target = target;
            r.period = std::move(period);
            r.items = std::move(items);
            r.weight = weight;
            return r;
          }),
          py::kw_only(), py::arg("respondent") = HouseholdId{}, py::arg("target") = SurveyTarget{OrgId{}},
          py::arg("period") = Period::year(2000), py::arg("items") = std::vector<ItemScore>{},
          py::arg("weight") = 1.0, py::arg("id") = SurveyResponseId{},
          "Keyword-only. `target` is a MemberId or an OrgId.");
  field(cls, "id", &SurveyResponse::id, "SurveyResponseId, assigned by Registry.add.");
  field(cls, "respondent", &SurveyResponse::respondent, "HouseholdId answering.");
  field(cls, "target", &SurveyResponse::target, "MemberId or OrgId rated.");
  field(cls, "period", &SurveyResponse::period, "Period rated.");
  field(cls, "items", &SurveyResponse::items, "List of ItemScore (a copy).");
  field(cls, "weight", &SurveyResponse::weight, "Survey weight, positive.");
  cls.def("check", &SurveyResponse::check,
          "Raises InvalidArgument for a non-positive weight, a repeated item or a scored don't-know.");
  value_protocol(cls, "SurveyResponse", {"id", "respondent", "target", "period", "items", "weight"});
}

// ---------------------------------------------------------------------------------------------
// Views of the registry's tables.

template <class T, class IdT>
struct TableView {
  py::object owner;  // the Python Registry; keeps the table alive
  const EntityTable<T, IdT>* table;
};

template <class T, class IdT>
struct TableIterator {
  py::object owner;
  const EntityTable<T, IdT>* table;
  std::size_t next = 0;
};

// Id number from a Python int. py::int_ (not long long) so that objects with __int__, such as
// another kind of id, are not accepted; nullopt when the number is no possible id.
template <class IdT>
std::optional<IdT> id_from_int(const py::int_& number) {
  if (number < py::int_(0) || number > py::int_(std::numeric_limits<std::uint32_t>::max())) return std::nullopt;
  return IdT(number.cast<std::uint32_t>());
}
template <class IdT>
IdT existing_id_from_int(const py::int_& number) {
  if (py::isinstance<py::bool_>(number))  // an int subclass, but never an id number
    throw py::type_error(std::string("an id number must be an int, got bool"));
  if (auto id = id_from_int<IdT>(number)) return *id;
  throw NotFound("registry.unknown_id", std::string("no such ") + IdT::kind(),
                 Location::of(std::string(IdT::kind()) + " " + py::repr(number).cast<std::string>()),
                 "ids are 0..2**32-1");
}

template <class T, class IdT>
void bind_view(py::module_& m, const char* view_name, const char* plural) {
  using View = TableView<T, IdT>;
  using Iter = TableIterator<T, IdT>;
  const std::string iter_name = std::string(view_name) + "Iterator";
  const std::string doc = std::string("Live, read-only view of the registry's ") + plural +
                          ": len(), iteration in id order (yielding copies), view[id], id in view, get(). "
                          "A plain int is accepted as the id number; another kind of id raises TypeError.";
  py::class_<Iter>(m, iter_name.c_str(), "Iterator over a registry view.")
      .def("__iter__", [](Iter& it) -> Iter& { return it; }, py::return_value_policy::reference_internal)
      .def("__next__", [](Iter& it) -> T {
        while (it.next < it.table->capacity_ids()) {
          const IdT id(static_cast<typename IdT::value_type>(it.next++));
          if (const T* value = it.table->find(id)) return *value;
        }
        throw py::stop_iteration();
      });
  const std::string plural_name(plural);
  py::class_<View>(m, view_name, doc.c_str())
      .def("__len__", [](const View& v) { return v.table->size(); })
      .def("__iter__", [](const View& v) { return Iter{v.owner, v.table, 0}; })
      .def("__getitem__", [](const View& v, IdT id) -> T { return v.table->get(id); }, py::arg("id"))
      .def("__getitem__",
           [](const View& v, const py::int_& id) -> T { return v.table->get(existing_id_from_int<IdT>(id)); },
           py::arg("id"))
      .def("__contains__", [](const View& v, IdT id) { return v.table->contains(id); }, py::arg("id"))
      .def("__contains__",
           [](const View& v, const py::int_& number) {
             const auto id = id_from_int<IdT>(number);
             return id && v.table->contains(*id);
           },
           py::arg("id"))
      .def("get",
           [](const View& v, IdT id, py::object default_value) -> py::object {
             if (const T* value = v.table->find(id)) return py::cast(*value);
             return default_value;
           },
           py::arg("id"), py::arg("default") = py::none(), "The entity with `id`, or `default` when absent.")
      .def("ids",
           [](const View& v) {
             std::vector<IdT> out;
             out.reserve(v.table->size());
             for (const T& value : *v.table) out.push_back(value.id);
             return out;
           },
           "Live ids in order.")
      .def_property_readonly("id_bound", [](const View& v) { return v.table->capacity_ids(); },
                             "One past the largest id ever assigned (length of per-id arrays).")
      .def("__repr__", [plural_name](const View& v) {
        return "<" + plural_name + " view: " + std::to_string(v.table->size()) + " live>";
      });
}

// ---------------------------------------------------------------------------------------------
// Column-wise export for pandas (massline.frames), driven by the io table schema: each column
// is (name, cell type name, values, extra), the values one numpy array per column:
//   id, integer: int64, extra = bool mask (True = missing) when nullable, else None;
//   real: float64 (NaN missing); boolean: bool; text: object (str); date: datetime64[D] (NaT
//   missing); enum: int8 codes (-1 missing), extra = (names, ordered); flags: uint32 bits,
//   extra = names (bit i = names[i]).

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

// Creating Python objects may run other threads (a garbage collection can run finalizers), and
// one of them may change the registry. So the export reads the registry only in stretches that
// make no Python call, and each stretch first checks that no registry has changed since the
// export began (RegistryRead::check); when one has, the export starts again. The counter is
// bumped by every binding that changes a registry (note_registry_change) and read under the GIL.
std::uint64_t registry_changes = 0;

}  // namespace

void note_registry_change() noexcept { ++registry_changes; }

namespace {

struct RegistryChangedDuringExport {};

struct RegistryRead {
  const Registry& registry;
  std::size_t rows;
  bool private_copy = false;  // a snapshot no other thread can reach: changes elsewhere do not matter
  std::uint64_t changes = registry_changes;

  void check() const {
    if (!private_copy && registry_changes != changes) throw RegistryChangedDuringExport{};
  }
};

// One numpy array of @p column over the rows of @p schema, from convert(cell).
template <class Out, class Convert>
py::array_t<Out> column_values(const RegistryRead& read, const io::TableSchema& schema, const io::Column& column,
                               Convert convert) {
  py::array_t<Out> out(static_cast<py::ssize_t>(read.rows));
  read.check();  // the allocation above may have run other threads; the loop below cannot
  Out* p = out.mutable_data();
  std::size_t i = 0;
  schema.for_each_row(read.registry, [&](const io::Row& row) { p[i++] = convert(column.read(row)); });
  return out;
}

py::tuple export_column(const RegistryRead& read, const io::TableSchema& schema, const io::Column& column) {
  const bool nullable = column.nullable;
  const auto missing = [](const io::Cell& cell) { return std::holds_alternative<std::monostate>(cell); };
  py::object values, extra = py::none();
  switch (column.type) {
    case io::CellType::Id:
    case io::CellType::Integer:
      values = column_values<std::int64_t>(read, schema, column, [&](const io::Cell& c) {
        return missing(c) ? std::int64_t{0} : std::get<std::int64_t>(c);
      });
      if (nullable) extra = column_values<bool>(read, schema, column, missing);
      break;
    case io::CellType::Real:
      values = column_values<double>(read, schema, column, [&](const io::Cell& c) {
        return missing(c) ? std::numeric_limits<double>::quiet_NaN() : std::get<double>(c);
      });
      break;
    case io::CellType::Boolean:
      values = column_values<bool>(read, schema, column, [](const io::Cell& c) { return std::get<bool>(c); });
      break;
    case io::CellType::Text: {
      // Decoding creates Python objects, so the column's text is copied out first.
      std::vector<std::string> strings;
      strings.reserve(read.rows);
      read.check();
      schema.for_each_row(read.registry,
                          [&](const io::Row& row) { strings.emplace_back(std::get<std::string_view>(column.read(row))); });
      py::array text(py::dtype("object"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(strings.size())});
      auto** p = static_cast<PyObject**>(text.mutable_data());  // zero-filled
      for (std::size_t i = 0; i < strings.size(); ++i) {
        PyObject* str = PyUnicode_DecodeUTF8(strings[i].data(), static_cast<Py_ssize_t>(strings[i].size()), "strict");
        if (str == nullptr) throw py::error_already_set();
        p[i] = str;  // the array owns the reference
      }
      values = std::move(text);
      break;
    }
    case io::CellType::Date: {
      const Date epoch(1970, 1, 1);
      values = column_values<std::int64_t>(read, schema, column, [&](const io::Cell& c) {
        return missing(c) ? kNaT : static_cast<std::int64_t>((std::get<Date>(c) - epoch).days());
      }).attr("view")("datetime64[D]");
      break;
    }
    case io::CellType::Enum:
      values = column_values<std::int8_t>(read, schema, column, [&](const io::Cell& c) {
        return missing(c) ? std::int8_t{-1} : static_cast<std::int8_t>(std::get<std::int64_t>(c));
      });
      extra = py::make_tuple(py::cast(std::vector<std::string>(column.names.begin(), column.names.end())),
                             column.ordered);
      break;
    case io::CellType::Flags:
      values = column_values<std::uint32_t>(read, schema, column, [](const io::Cell& c) {
        return static_cast<std::uint32_t>(std::get<std::int64_t>(c));
      });
      extra = py::cast(std::vector<std::string>(column.names.begin(), column.names.end()));
      break;
  }
  return py::make_tuple(column.name, to_name(column.type), values, extra);
}

py::list table_columns(const Registry& r, const std::string& table) {
  const io::TableSchema* schema = io::find_table(table);
  if (schema == nullptr) {
    throw InvalidArgument("frames.unknown_table", "unknown table '" + table + "'", Location::of("table", "name"),
                          "see massline.frames.TABLES for the tables there are");
  }
  const auto export_all = [&](const Registry& from, bool private_copy) {
    const RegistryRead read{from, schema->row_count(from), private_copy};
    py::list out;
    for (const io::Column& column : schema->columns()) out.append(export_column(read, *schema, column));
    return out;
  };
  // Every column reads the registry as it was when the export began (see RegistryRead). A
  // change by another thread restarts the export; after a few restarts it reads a private copy,
  // taken without calling into Python, so that a busy writer cannot keep it from finishing.
  constexpr int kAttempts = 3;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    try {
      return export_all(r, false);
    } catch (const RegistryChangedDuringExport&) {
    }
  }
  // The counter counts changes to every registry, so the copy's export must not check it: a
  // writer busy with r (or any other registry) would otherwise abort it ("unknown exception").
  const Registry snapshot(r);
  return export_all(snapshot, true);
}

std::vector<std::string> table_names() {
  std::vector<std::string> names;
  for (const io::TableSchema& schema : io::registry_tables()) names.emplace_back(schema.name());
  return names;
}

// ---------------------------------------------------------------------------------------------
// The Registry.

template <class T, class IdT>
void bind_registry_kind(py::class_<Registry>& cls) {
  const std::string kind = IdT::kind();
  const std::string id_name = py::str(py::type::of<IdT>().attr("__name__"));
  const std::string add_doc = "Stores a copy of the " + kind + " (its id is ignored) and returns the new " + id_name +
                              "; raises InvalidArgument/IntegrityError/NotFound and changes nothing on failure.";
  const std::string update_doc = "Replaces the " + kind + " with the same id; raises like add() (NotFound for an "
                                 "unknown id) and changes nothing on failure.";
  const std::string remove_doc = "Removes the " + kind + "; NotFound for an unknown id, IntegrityError "
                                 "('integrity.still_referenced') while something refers to it.";
  const std::string get_doc = "A copy of the " + kind + "; NotFound for an unknown id.";
  const std::string contains_doc = "True when the " + kind + " is live.";
  // Each change is noted before it is tried: a refused change leaves the registry as it was,
  // and an extra note only costs an export a restart.
  cls.def(
      "add", [](Registry& r, T value) { note_registry_change(); return r.add(std::move(value)); }, py::arg("value"),
      add_doc.c_str());
  cls.def(
      "update", [](Registry& r, const T& value) { note_registry_change(); r.update(value); }, py::arg("value"),
      update_doc.c_str());
  cls.def(
      "remove", [](Registry& r, IdT id) { note_registry_change(); r.remove(id); }, py::arg("id"), remove_doc.c_str());
  cls.def("get", [](const Registry& r, IdT id) -> T { return r.get(id); }, py::arg("id"), get_doc.c_str());
  cls.def("contains", [](const Registry& r, IdT id) { return r.contains(id); }, py::arg("id"), contains_doc.c_str());
  cls.def("__contains__", [](const Registry& r, IdT id) { return r.contains(id); }, py::arg("id"));
}

template <class IdT>
std::vector<IdT> to_vector(std::span<const IdT> ids) {
  return {ids.begin(), ids.end()};
}

template <class T, class IdT>
TableView<T, IdT> view_of(const py::object& self, const EntityTable<T, IdT>& (Registry::*table)() const noexcept) {
  const Registry& r = self.cast<const Registry&>();
  return TableView<T, IdT>{self, &(r.*table)()};
}

void bind_registry(py::module_& m) {
  py::class_<Problem>(m, "Problem", "One problem found by Registry.validate().")
      .def_readonly("code", &Problem::code, "Stable code, e.g. 'integrity.orphan'.")
      .def_readonly("message", &Problem::message, "What is wrong and why.")
      .def_readonly("where", &Problem::where, "Location (entity and field).")
      .def("__str__", [](const Problem& p) { return "[" + p.code + "] " + p.message + " (at " + p.where.to_string() + ")"; })
      .def("__repr__",
           [](const Problem& p) {
             return "Problem(code=" + py::repr(py::str(p.code)).cast<std::string>() +
                    ", message=" + py::repr(py::str(p.message)).cast<std::string>() +
                    ", where=" + py::repr(py::cast(p.where)).cast<std::string>() + ")";
           })
      .def(py::pickle([](const Problem& p) { return py::make_tuple(p.code, p.message, p.where); },
                      [](const py::tuple& s) {
                        require_state_size(s, 3, "Problem");
                        return Problem{s[0].cast<std::string>(), s[1].cast<std::string>(), s[2].cast<Location>()};
                      }));

  bind_view<Organization, OrgId>(m, "OrganizationView", "organizations");
  bind_view<Member, MemberId>(m, "MemberView", "members");
  bind_view<Household, HouseholdId>(m, "HouseholdView", "households");
  bind_view<Pairing, PairingId>(m, "PairingView", "pairings");
  bind_view<Commitment, CommitmentId>(m, "CommitmentView", "commitments");
  bind_view<ServicePost, ServicePostId>(m, "ServicePostView", "service posts");
  bind_view<Contact, ContactId>(m, "ContactView", "contacts");
  bind_view<Appeal, AppealId>(m, "AppealView", "appeals");
  bind_view<SurveyResponse, SurveyResponseId>(m, "SurveyResponseView", "survey responses");
  bind_view<Activity, ActivityId>(m, "ActivityView", "activities");

  py::class_<Registry> cls(
      m, "Registry",
      "Owns every entity of a network and keeps references between them valid.\n\n"
      "add(value) stores a copy and returns its new id; update(value) replaces the entity with value.id; "
      "remove(id) deletes (IntegrityError while still referenced); get(id) returns a copy (NotFound when "
      "absent). Each mutation succeeds completely or raises InvalidArgument/NotFound/IntegrityError with a "
      "located message and leaves the registry unchanged. Tables are exposed as live views "
      "(registry.households etc.).");
  cls.def(py::init<>(), "An empty registry.");
  cls.def(
      "__eq__",
      [](const Registry& self, const py::object& other) -> py::object {
        if (!py::isinstance<Registry>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(self == other.cast<const Registry&>());
      },
      py::arg("other"),
      "True when both hold the same live ids in every table with equal entities under them (next ids, "
      "indexes and the order of children are not compared; docs/model.md). Registries are mutable, so "
      "unhashable.");
  cls.attr("__hash__") = py::none();
  bind_registry_kind<Organization, OrgId>(cls);
  bind_registry_kind<Member, MemberId>(cls);
  bind_registry_kind<Household, HouseholdId>(cls);
  bind_registry_kind<Pairing, PairingId>(cls);
  bind_registry_kind<Commitment, CommitmentId>(cls);
  bind_registry_kind<ServicePost, ServicePostId>(cls);
  bind_registry_kind<Contact, ContactId>(cls);
  bind_registry_kind<Appeal, AppealId>(cls);
  bind_registry_kind<SurveyResponse, SurveyResponseId>(cls);
  bind_registry_kind<Activity, ActivityId>(cls);

  cls.def(
      "record",
      [](Registry& r, AppealId id, AppealEvent event, std::optional<AppealClass> appeal_class,
         std::optional<Routing> routing, std::optional<AppealOutcome> outcome,
         std::optional<PublicAnswer> public_answer) {
        note_registry_change();
        r.record(id, std::move(event), AppealChange{appeal_class, routing, outcome, public_answer});
      },
      py::arg("appeal"), py::arg("event"), py::kw_only(), py::arg("appeal_class") = py::none(),
      py::arg("routing") = py::none(), py::arg("outcome") = py::none(), py::arg("public_answer") = py::none(),
      "Appends `event` to the appeal's history (with the fields it settles, as Appeal.record); raises "
      "InvalidArgument/IntegrityError/NotFound and changes nothing on failure.");
  cls.def("find_organization", &Registry::find_organization, py::arg("code"), "OrgId with that code, or None.");
  cls.def("find_member", &Registry::find_member, py::arg("code"), "MemberId with that code, or None.");
  cls.def("find_household", &Registry::find_household, py::arg("code"), "HouseholdId with that code, or None.");
  cls.def("find_appeal", &Registry::find_appeal, py::arg("code"), "AppealId with that code, or None.");

  cls.def("children", [](const Registry& r, OrgId org) { return to_vector(r.children(org)); }, py::arg("org"),
          "Direct children of `org` (list of OrgId), in insertion order.");
  cls.def("members_of", [](const Registry& r, OrgId org) { return to_vector(r.members_of(org)); }, py::arg("org"),
          "Members whose home organisation is `org`.");
  cls.def("households_of", [](const Registry& r, OrgId unit) { return to_vector(r.households_of(unit)); },
          py::arg("unit"), "Households of the level-4 unit `unit` (empty for other levels).");
  cls.def("roots", &Registry::roots, "Organisations without a parent, in id order.");
  cls.def("subtree", &Registry::subtree, py::arg("org"), "`org` and every organisation below it, pre-order.");
  cls.def("members_under", &Registry::members_under, py::arg("org"),
          "Every member whose home organisation is in the subtree of `org`.");
  cls.def("households_under", &Registry::households_under, py::arg("org"),
          "Every household of a level-4 unit in the subtree of `org`.");
  cls.def("ancestors", &Registry::ancestors, py::arg("org"), "Path from `org` up to its root, `org` first.");
  cls.def(
      "reserve",
      [](Registry& r, std::size_t organizations, std::size_t members, std::size_t households, std::size_t pairings,
         std::size_t commitments, std::size_t service_posts, std::size_t contacts, std::size_t appeals,
         std::size_t survey_responses, std::size_t activities) {
        note_registry_change();  // storage may move
        r.reserve({organizations, members, households, pairings, commitments, service_posts, contacts, appeals,
                   survey_responses, activities});
      },
      py::kw_only(), py::arg("organizations") = 0, py::arg("members") = 0, py::arg("households") = 0,
      py::arg("pairings") = 0, py::arg("commitments") = 0, py::arg("service_posts") = 0, py::arg("contacts") = 0,
      py::arg("appeals") = 0, py::arg("survey_responses") = 0, py::arg("activities") = 0,
      "Pre-sizes storage for bulk construction (counts per entity kind are hints; never shrinks).");
  // No GIL release: the GIL is what keeps other Python threads from changing the registry
  // while it is read (docs/python.md, "Threads").
  cls.def("validate", &Registry::validate,
          "A full audit; returns a list of Problem (empty when all is well). Holds the GIL.");
  cls.def("copy", [](const Registry& r) { return Registry(r); }, "An independent deep copy.");
  cls.def("__copy__", [](const Registry& r) { return Registry(r); });
  cls.def("__deepcopy__", [](const Registry& r, const py::dict&) { return Registry(r); }, py::arg("memo"));

  cls.def_property_readonly("organizations", [](const py::object& s) { return view_of(s, &Registry::organizations); },
                            "Live view of the organisations.");
  cls.def_property_readonly("members", [](const py::object& s) { return view_of(s, &Registry::members); },
                            "Live view of the members.");
  cls.def_property_readonly("households", [](const py::object& s) { return view_of(s, &Registry::households); },
                            "Live view of the households.");
  cls.def_property_readonly("pairings", [](const py::object& s) { return view_of(s, &Registry::pairings); },
                            "Live view of the pairings.");
  cls.def_property_readonly("commitments", [](const py::object& s) { return view_of(s, &Registry::commitments); },
                            "Live view of the commitments.");
  cls.def_property_readonly("service_posts", [](const py::object& s) { return view_of(s, &Registry::service_posts); },
                            "Live view of the service posts.");
  cls.def_property_readonly("contacts", [](const py::object& s) { return view_of(s, &Registry::contacts); },
                            "Live view of the contacts.");
  cls.def_property_readonly("appeals", [](const py::object& s) { return view_of(s, &Registry::appeals); },
                            "Live view of the appeals.");
  cls.def_property_readonly("survey_responses",
                            [](const py::object& s) { return view_of(s, &Registry::survey_responses); },
                            "Live view of the survey responses.");
  cls.def_property_readonly("activities", [](const py::object& s) { return view_of(s, &Registry::activities); },
                            "Live view of the activities.");
  cls.def("__repr__", [](const Registry& r) {
    return "<Registry: " + std::to_string(r.organizations().size()) + " organizations, " +
           std::to_string(r.members().size()) + " members, " + std::to_string(r.households().size()) +
           " households, " + std::to_string(r.pairings().size()) + " pairings, " +
           std::to_string(r.commitments().size()) + " commitments, " + std::to_string(r.service_posts().size()) +
           " service posts, " + std::to_string(r.contacts().size()) + " contacts, " +
           std::to_string(r.appeals().size()) + " appeals, " + std::to_string(r.survey_responses().size()) +
           " survey responses, " + std::to_string(r.activities().size()) + " activities>";
  });

  m.def("_table_columns", &table_columns, py::arg("registry"), py::arg("table"),
        "Column-wise export of one table of the io table schema (used by massline.frames): list of "
        "(name, cell type, values, extra).");
  m.attr("_TABLES") = py::cast(table_names());
}

}  // namespace

void register_model(py::module_& model) {
  bind_enums(model);
  bind_flags<HouseholdCategory>(model, "HouseholdCategories", "HouseholdCategory",
                                "Immutable set of HouseholdCategory (hashable, set-like: in, iter, len, |, &, -). "
                                "Sets, lists and tuples of categories convert to it implicitly.");
  bind_flags<MemberKind>(model, "MemberKinds", "MemberKind",
                         "Immutable set of MemberKind (hashable, set-like: in, iter, len, |, &, -). Sets, lists "
                         "and tuples of kinds convert to it implicitly.");
  bind_organization(model);
  bind_member(model);
  bind_household(model);
  bind_pairing(model);
  bind_commitment(model);
  bind_service_post(model);
  bind_contact(model);
  bind_appeal(model);
  bind_survey(model);
  bind_activity(model);
  bind_registry(model);
}

}  // namespace massline::python
