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

# lectern_embed_sources(<source> <root> <files> <comment> [-D... for the script]):
# the custom command that writes <source> from <files> (paths relative to
# <root>) with embed_migrations.cmake; the pages' files use it too.
function(lectern_embed_sources source root files comment)
  set(script ${LECTERN_EMBED_SCRIPT})
  set(list_file ${source}.list)
  string(JOIN "\n" text ${files})
  # Written only when different, so an unchanged list does not force a rebuild.
  file(WRITE ${list_file}.tmp "${text}\n")
  file(COPY_FILE ${list_file}.tmp ${list_file} ONLY_IF_DIFFERENT)
  file(REMOVE ${list_file}.tmp)
  add_custom_command(
    OUTPUT ${source}
    COMMAND ${CMAKE_COMMAND} -DROOT=${root} -DLIST=${list_file} -DOUTPUT=${source} ${ARGN}
            -P ${script}
    DEPENDS ${list_file} ${files} ${script}
    COMMENT "${comment}"
    VERBATIM)
endfunction()
set(LECTERN_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_migrations.cmake)

function(lectern_embed_migrations target)
  set(dir "${ARGV1}")
  set(files "")
  set(comment "Embedding no migration files into ${target}")
  if(dir)
    file(GLOB files CONFIGURE_DEPENDS ${dir}/*/*.lmig)
    list(SORT files)
    set(comment "Embedding the migrations of ${dir} into ${target}")
  endif()
  set(source ${CMAKE_CURRENT_BINARY_DIR}/${target}.cpp)
  lectern_embed_sources(${source} "${dir}" "${files}" "${comment}")
  add_library(${target} STATIC ${source})
  target_link_libraries(${target} PUBLIC lectern_migrations PRIVATE lectern_warnings)
endfunction()
