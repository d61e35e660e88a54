# lectern_embed_migrations(<target> [<dir>]): a static library <target>
# defining embedded_files() and load_embedded() (migrations/loader.hpp) over
# <dir>/<app>/*.lmig, built into whichever executable links it next to
# lectern_cli: the repository's migrations/ for `lectern`, a synthetic project
# for bench/'s lectern-migbench, none (no <dir>) for test fixtures that always
# read --migrations-dir. Each executable links exactly one.
#
# The glob is re-checked at every build (CONFIGURE_DEPENDS): an added or
# removed file rewrites the list file, and the source is regenerated when the
# list, any file or the script changes.

function(lectern_embed_migrations target)
  set(script ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_migrations.cmake)
  set(dir "${ARGV1}")
  set(files "")
  set(comment "Embedding no migration files into ${target}")
  if(dir)
    file(GLOB files CONFIGURE_DEPENDS ${dir}/*/*.lmig)
    list(SORT files)
    set(comment "Embedding the migrations of ${dir} into ${target}")
  endif()
  set(list_file ${CMAKE_CURRENT_BINARY_DIR}/${target}.list)
  set(source ${CMAKE_CURRENT_BINARY_DIR}/${target}.cpp)
  string(JOIN "\n" text ${files})
  # Written only when different, so an unchanged list does not force a rebuild.
  file(WRITE ${list_file}.tmp "${text}\n")
  file(COPY_FILE ${list_file}.tmp ${list_file} ONLY_IF_DIFFERENT)
  file(REMOVE ${list_file}.tmp)
  add_custom_command(
    OUTPUT ${source}
    COMMAND ${CMAKE_COMMAND} -DROOT=${dir} -DLIST=${list_file} -DOUTPUT=${source}
            -P ${script}
    DEPENDS ${list_file} ${files} ${script}
    COMMENT "${comment}"
    VERBATIM)
  add_library(${target} STATIC ${source})
  target_link_libraries(${target} PUBLIC lectern_migrations PRIVATE lectern_warnings)
endfunction()
