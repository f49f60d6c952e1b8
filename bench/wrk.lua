-- The wrk script of bench/pages.py: one page (or floor), one connection per wrk thread.
--
-- bench/pages.py writes a copy of this file per page with a CONFIG table in front of it:
--   CONFIG = {
--     method = "GET" or "POST",
--     threads = {  -- one entry per wrk thread (so per connection): its own user's session and page
--       { path = "/roadmaps/1/", headers = { Cookie = "sessionid=...; csrftoken=..." }, bodies = { ... } },
--     },
--   }
-- A thread sends its bodies in turn (a POST alternating two statuses has two), or no body at all;
-- with one connection per thread, each response answers the thread's last request.
-- done() prints one line, "BENCH-JSON {...}": requests, duration, errors, non-200 responses,
-- latency percentiles (microseconds) and the X-Queries values seen.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("index", #threads)
end

local requests_to_send = {}
local next_request = 1
non200 = 0
queries = {}

function init(args)
   local mine = CONFIG.threads[((index - 1) % #CONFIG.threads) + 1]
   local bodies = mine.bodies
   if bodies == nil or #bodies == 0 then
      bodies = { false }
   end
   for _, body in ipairs(bodies) do
      table.insert(requests_to_send, wrk.format(CONFIG.method, mine.path, mine.headers, body or nil))
   end
end

-- The next body is chosen when a response comes back, not when a request is made: wrk calls
-- request() once more than it sends, to check the script, and a POST must see the status it changes.
function request()
   return requests_to_send[next_request]
end

function response(status, headers, body)
   next_request = next_request % #requests_to_send + 1
   if status ~= 200 then
      non200 = non200 + 1
   end
   local count = headers["X-Queries"] or headers["x-queries"] or "none"
   queries[count] = (queries[count] or 0) + 1
end

local function quoted(text)
   return '"' .. tostring(text):gsub('[%c"\\]', "") .. '"'
end

function done(summary, latency, requests)
   local bad = 0
   local seen = {}
   for _, thread in ipairs(threads) do
      bad = bad + (thread:get("non200") or 0)
      for count, times in pairs(thread:get("queries") or {}) do
         seen[count] = (seen[count] or 0) + times
      end
   end
   local parts = {}
   for count, times in pairs(seen) do
      table.insert(parts, quoted(count) .. ": " .. times)
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH-JSON {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, '
         .. '"status": %d, "timeout": %d}, "non200": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
         .. '"max_us": %d, "queries": {%s}}\n',
      summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, bad,
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
      table.concat(parts, ", ")
   ))
end
