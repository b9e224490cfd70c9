-- wrk script of tests/bench/bench_load.py: replays a deck of request paths (one per line,
-- written by the benchmark from the seeded database), each thread from its own place in
-- the deck, and prints one JSON line with the figures when the run is over.
--
--   wrk -s tests/bench/load_mix.lua http://127.0.0.1:8000 -- <deck file> [<Cookie header>]
--
-- Every request asks for gzip, as browsers do (the platform compresses its pages).

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

local deck = {}
local position = 1
hits = 0
misses = 0

function init(args)
   for line in io.lines(args[1]) do
      deck[#deck + 1] = line
   end
   if #deck == 0 then
      error("the deck " .. args[1] .. " is empty")
   end
   wrk.headers["Accept-Encoding"] = "gzip"
   if args[2] and args[2] ~= "" then
      wrk.headers["Cookie"] = args[2]
   end
   -- Threads start far apart in the deck, so that they do not ask for the same pages in
   -- step (which would make the page cache look better than it is).
   position = ((id - 1) * 7919) % #deck + 1
end

function request()
   local path = deck[position]
   position = position % #deck + 1
   return wrk.format("GET", path)
end

function response(status, headers, body)
   local cached = headers["X-Page-Cache"]
   if cached == "hit" then
      hits = hits + 1
   elseif cached == "miss" then
      misses = misses + 1
   end
end

function done(summary, latency, requests)
   local hit, miss = 0, 0
   for _, thread in ipairs(threads) do
      hit = hit + (thread:get("hits") or 0)
      miss = miss + (thread:get("misses") or 0)
   end
   local errors = summary.errors
   io.write(string.format(
      '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
      '"status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
      '"cache_hits": %d, "cache_misses": %d}\n',
      summary.requests, summary.duration, errors.connect, errors.read, errors.write,
      errors.status, errors.timeout, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), hit, miss))
end
