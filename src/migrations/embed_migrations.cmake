# Writes a C++ source holding the migration files as byte strings, defining
# embedded_files() and load_embedded() of migrations/loader.hpp.
#   cmake -DROOT=<migrations dir> -DLIST=<file of paths, one a line> -DOUTPUT=<.cpp> -P embed_migrations.cmake
# Bytes are written as \xNN escapes so every file comes back exactly as it is
# on disk (its checksum must match), whatever characters it holds. Each file's
# SHA-256 is computed here, once, rather than at every start of the binary.

file(STRINGS "${LIST}" files)
string(REPEAT "[0-9a-f]" 64 line_of_hex)  # 32 bytes per source line

set(arrays "")
set(entries "")
set(index 0)
foreach(file IN LISTS files)
  file(RELATIVE_PATH path "${ROOT}" "${file}")
  string(REPLACE "\\" "\\\\" path "${path}")
  string(REPLACE "\"" "\\\"" path "${path}")
  file(READ "${file}" hex HEX)
  file(SHA256 "${file}" checksum)
  string(REGEX REPLACE "(${line_of_hex})" "\\1\"\n    \"" hex "${hex}")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" hex "${hex}")
  string(APPEND arrays "constexpr char kFile${index}[] =\n    \"${hex}\";\n")
  string(APPEND entries
    "    {\"${path}\", {kFile${index}, sizeof(kFile${index}) - 1}, \"${checksum}\"},\n")
  math(EXPR index "${index} + 1")
endforeach()

if(index EQUAL 0)
  set(body "std::span<const EmbeddedFile> embedded_files() { return {}; }\n")
else()
  string(CONCAT body "namespace {\n${arrays}constexpr EmbeddedFile kFiles[] = {\n${entries}};\n"
                     "}  // namespace\n\n"
                     "std::span<const EmbeddedFile> embedded_files() { return kFiles; }\n")
endif()

file(WRITE "${OUTPUT}"
  "// Generated from migrations/ by src/migrations/embed_migrations.cmake; do not edit.\n"
  "#include \"migrations/loader.hpp\"\n\n"
  "namespace lectern::migrations {\n\n"
  "${body}\n"
  "std::vector<Migration> load_embedded() { return load_files(embedded_files()); }\n\n"
  "}  // namespace lectern::migrations\n")
