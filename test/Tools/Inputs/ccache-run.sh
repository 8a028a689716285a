#!/bin/sh
# ccache-run.sh COMMAND...: runs COMMAND with ccache's statistics zeroed,
# then prints what ccache did with it, after COMMAND's own output:
#   ccache: hit          a result from the cache (direct or preprocessor mode)
#   ccache: miss         compiled, and the result stored
#   ccache: not cached (REASON...)   ccache ran the compiler without caching
#                        (a failed compiler check, a link, ...), or never ran
# CCACHE_DIR must name the test's own cache. The exit status is COMMAND's.
ccache -z >/dev/null || exit 1
"$@"
rc=$?
ccache --print-stats | awk -F '\t' '
  $1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { hit += $2; next }
  $1 == "cache_miss" { miss += $2; next }
  $1 ~ /_hit$|_miss$|_timestamp$|^local_storage|^remote_storage|^files_in_cache$|^cache_size/ { next }
  $2 != 0 { why = why (why == "" ? "" : " ") $1 }
  END {
    if (hit) print "ccache: hit"
    else if (miss) print "ccache: miss"
    else print "ccache: not cached (" why ")"
  }'
exit $rc
