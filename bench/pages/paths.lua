-- GET over the paths in BENCH_PATHS (comma-separated), rotating; the result
-- line is named BENCH_NAME. Loaded by bench/compare-pages with the peer's
-- common.lua (its RESULT line), so pages and JSON are measured alike.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function init(args)
  non2xx = 0
  reqs = {}
  for path in string.gmatch(os.getenv("BENCH_PATHS") or "", "[^,]+") do
    table.insert(reqs, wrk.format("GET", path))
  end
  assert(#reqs > 0, "BENCH_PATHS is empty")
  n = math.random(#reqs)
end

function request()
  n = n % #reqs + 1
  return reqs[n]
end

function done(summary, latency, requests)
  bench_done(os.getenv("BENCH_NAME") or "paths", summary, latency)
end
