// Builds a tiny network through the installed headers and library and prints its size.
#include <massline/massline.hpp>

#include <iostream>

int main() {
  massline::Registry registry;
  massline::Organization county;
  county.code = "county";
  county.level = massline::OrgLevel::County;
  const auto county_id = registry.add(county);
  massline::Organization grid;
  grid.code = "grid";
  grid.level = massline::OrgLevel::Grid;
  grid.parent = county_id;
  const auto grid_id = registry.add(grid);
  massline::Household household;
  household.unit = grid_id;
  registry.add(household);
  std::cout << "consumer: " << registry.organizations().size() << " organizations, "
            << registry.households_under(county_id).size() << " household\n";
  return registry.validate().empty() ? 0 : 1;
}
