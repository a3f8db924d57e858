-- One endpoint under wrk: wrk -s bench/wrk.lua URL -- METHOD BODY_FILE CONTENT_TYPE COOKIE CSRF_TOKEN TYPED
-- ("-" for none). done() prints one line, "BENCH {json}", that bench/run.py reads.
-- TYPED names a form field of the body whose number goes up by one on each request, as when
-- someone types: every request is then new inputs, so nothing kept for earlier ones answers it.

local typed
local template
local count = 0
local same_request

function init(args)
  local function given(value)
    return value ~= nil and value ~= "-" and value or nil
  end
  wrk.method = given(args[1]) or "GET"
  local body_file = given(args[2])
  if body_file then
    local file = assert(io.open(body_file, "rb"))
    wrk.body = file:read("*a")
    file:close()
    wrk.headers["Content-Type"] = given(args[3])
  end
  -- What every browser sends: pages come back compressed when the app compresses them.
  wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
  wrk.headers["Cookie"] = given(args[4])
  if given(args[5]) then
    wrk.headers["X-CSRFToken"] = args[5]
    wrk.headers["HX-Request"] = "true"
  end
  typed = given(args[6])
  template = wrk.body
end

function request()
  if not typed then
    same_request = same_request or wrk.format()
    return same_request
  end
  count = count + 1
  local body = template:gsub(typed .. "=(%d+)", function(number)
    return typed .. "=" .. (tonumber(number) + count)
  end)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, '
      .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f, "max_us": %.0f}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
    errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
