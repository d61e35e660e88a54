-- The soak benchmark's request mix (bench/soak/run): each wrk connection
-- cycles through public reads, a student's own reads and a write, as a
-- client population would. Each thread stops after its share of SOAK_REQUESTS
-- answers and counts what was not 2xx; done() prints one RESULT line:
--   RESULT <requests> <seconds> <req/s> <p50_ms> <p99_ms> <max_ms> <non2xx> <socket_errors>
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  answered = 0
  quota = tonumber(os.getenv("SOAK_PER_THREAD"))
  local ids = {}
  for id in string.gmatch(os.getenv("SOAK_IDS") or "", "%d+") do table.insert(ids, id) end
  assert(#ids > 0, "SOAK_IDS is empty")
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  local json = {}
  for k, v in pairs(headers) do json[k] = v end
  json["Content-Type"] = "application/json"
  reqs = {}
  for i, id in ipairs(ids) do
    local page = (i % 25) + 1
    table.insert(reqs, wrk.format("GET", "/api/courses/" .. id, headers))
    table.insert(reqs, wrk.format("GET", "/api/courses?page=" .. page .. "&page_size=20", headers))
    table.insert(reqs, wrk.format("GET", "/api/courses/" .. id .. "/reviews", headers))
    table.insert(reqs, wrk.format("POST", "/api/activity", json,
      '{"activity_type": "view_course", "course_id": ' .. id .. ', "metadata": {"source": "soak"}}'))
    table.insert(reqs, wrk.format("GET", "/api/me/enrollments", headers))
    table.insert(reqs, wrk.format("GET", "/api/me/stats", headers))
    table.insert(reqs, wrk.format("GET", "/api/me/notifications?unread=true", headers))
    table.insert(reqs, wrk.format("GET", "/api/courses/" .. id, {}))  -- anonymous
  end
  n = math.random(#reqs)
end

function request()
  n = n % #reqs + 1
  return reqs[n]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  answered = answered + 1
  if answered >= quota then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local non = 0
  for _, t in ipairs(threads) do non = non + (t:get("non2xx") or 0) end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT %d %.1f %.1f %.2f %.2f %.2f %d %d\n", summary.requests, secs,
    summary.requests / secs, latency:percentile(50) / 1000.0, latency:percentile(99) / 1000.0,
    latency.max / 1000.0, non, e.connect + e.read + e.write + e.timeout))
end
