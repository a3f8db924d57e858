-- One endpoint under wrk:
--   wrk -s bench/wrk.lua URL -- METHOD BODY_FILE CONTENT_TYPE COOKIE CSRF_TOKEN TYPED FIRST STRIDE
-- ("-" for none). done() prints one line, "BENCH {json}", that bench/run.py reads.
-- TYPED names a form field of the body whose number goes up on each request, as when someone
-- types, so every request is new inputs and nothing kept for an earlier one answers it: the
-- n-th request (from 0) of thread `id` adds FIRST + id + n * STRIDE, with STRIDE the number of
-- threads, so no two requests of a run share a number, and bench/run.py starts each run's
-- FIRST above every number sent before in the benchmark.

local typed
local template
local first
local stride
local count = 0
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

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
  if typed then
    template = wrk.body
    first = tonumber(args[7])
    stride = tonumber(args[8])
  else
    -- No request() at all: wrk then sends its one prepared request, as for every other page.
    request = nil
  end
end

function request()
  local added = first + id + count * stride
  count = count + 1
  -- %f[%w_]: the field itself, not one whose name ends with it (spouse_compensation).
  local body = template:gsub("%f[%w_]" .. typed .. "=(%d+)", function(number)
    return typed .. "=" .. (tonumber(number) + added)
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
