// Saves a tiny registry to a SQLite store through the installed massline::store and loads it back.
#include <massline/io/sqlite_store.hpp>

#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
  const std::filesystem::path path = argc > 1 ? argv[1] : "consumer.sqlite";
  massline::Registry registry;
  massline::Organization county;
  county.code = "county";
  county.level = massline::OrgLevel::County;
  registry.add(county);
  massline::io::save_registry_sqlite(registry, path);
  const massline::Registry loaded = massline::io::load_registry_sqlite(path);
  std::cout << "consumer_store: " << loaded.organizations().size() << " organization, store version "
            << massline::io::sqlite_store_version(path) << "\n";
  return loaded == registry ? 0 : 1;
}
