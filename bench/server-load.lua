-- wrk script for bench/server-load.sh: every request is a push of ONE new check-in
-- (a fresh change id and record id each time), so the server really checks, merges and
-- stores each one; nothing is answered "duplicate". Every answer is checked: a push
-- counts as accepted only when the server answers 200 with its change in `accepted`.
-- Arguments after `--`: TOKEN FORUM

-- `prefix`, `accepted` and `not_ok` are globals: setup() and done() reach them per
-- thread.
local counter = 0
local threads = {}
local forum = ""
prefix = 0
accepted = 0
not_ok = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("prefix", #threads)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["authorization"] = "Bearer " .. args[1]
  wrk.headers["content-type"] = "application/json"
  wrk.headers["jiyn-protocol"] = "1"
  forum = args[2]
end

local function id(kind, n)
  -- A valid UUID text (version 7, RFC variant), unique per thread, kind and counter.
  return string.format("%08x-%04x-7000-8000-%012x", prefix, kind, n)
end

function request()
  counter = counter + 1
  local change = id(1, counter)
  local record = id(2, counter)
  -- A check-in of a participant (any id: check-ins are events about a person), stamped
  -- 2025-11-11 06:00 UTC, which is in the server's past.
  local stamp = "1762840800000-00000-load" .. prefix
  local payload = string.format(
    '{\\"meta\\":{\\"id\\":\\"%s\\",\\"forum\\":\\"%s\\",\\"created\\":\\"%s\\",\\"hlc\\":\\"%s\\"},\\"participant\\":\\"%s\\",\\"action\\":\\"check_in\\",\\"desk\\":\\"load\\",\\"at\\":\\"2025-11-11T04:05:00Z\\"}',
    record, forum, stamp, stamp, forum)
  local body = string.format(
    '{"protocol":1,"device":"load","changes":[{"id":"%s","kind":"check_in","record":"%s","forum":"%s","hlc":"%s","fields":["action","at","desk","participant"],"payload":"%s"}]}',
    change, record, forum, stamp, payload)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"accepted":["', 1, true) then
    accepted = accepted + 1
  else
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + (t:get("accepted") or 0)
    bad = bad + (t:get("not_ok") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "JSON {\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"accepted\":%d,\"not_accepted\":%d,\"errors\":%d}\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, ok, bad,
    e.connect + e.read + e.write + e.status + e.timeout))
end
