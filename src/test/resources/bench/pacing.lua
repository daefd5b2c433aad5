-- Fixed-rate load for wrk scripts (dofile this one): one connection per thread, each thread sending
-- every 1000/rate ms. A request's latency counts from the moment it was due, not from when it was
-- sent, so an answer that comes late also counts against the requests it held back (wrk's own
-- figures would leave that out). A rate of 0 sends as fast as answers come, as plain wrk does.
-- report() prints "paced: <requests> <errors> <p50 ms> <p99 ms>".
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } pacing_timespec;
int clock_gettime(int clock, pacing_timespec *time);
]]
local CLOCK_MONOTONIC = 1
local clock = ffi.new("pacing_timespec")

local function now()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local pacing = {}
local interval, due

-- Globals, so that report() can read them from every thread: latencies in tenths of a millisecond
-- (counts[tenths] = requests), requests answered, and those answered with another status than expected.
function pacing.init(rate)
  interval = tonumber(rate) > 0 and 1000 / tonumber(rate) or nil
  due = nil
  counts = {}
  requests = 0
  errors = 0
end

function pacing.delay()
  local t = now()
  if interval == nil then
    due = t
    return 0
  end
  if due == nil then
    -- The threads start out of step, so their requests spread over the interval.
    due = t + math.random() * interval
  else
    due = due + interval
  end
  return math.max(0, math.ceil(due - t))
end

function pacing.record(ok)
  local tenths = math.floor((now() - due) * 10)
  counts[tenths] = (counts[tenths] or 0) + 1
  requests = requests + 1
  if not ok then
    errors = errors + 1
  end
end

local function percentile(keys, merged, total, p)
  local rank = math.max(1, math.ceil(total * p))
  local seen = 0
  for _, tenths in ipairs(keys) do
    seen = seen + merged[tenths]
    if seen >= rank then
      return tenths / 10
    end
  end
  return 0 / 0
end

function pacing.report(threads)
  local merged, keys, total, failed = {}, {}, 0, 0
  for _, thread in ipairs(threads) do
    for tenths, n in pairs(thread:get("counts")) do
      if merged[tenths] == nil then
        table.insert(keys, tenths)
      end
      merged[tenths] = (merged[tenths] or 0) + n
    end
    total = total + thread:get("requests")
    failed = failed + thread:get("errors")
  end
  table.sort(keys)
  io.write(string.format("paced: %d %d %.1f %.1f\n", total, failed, percentile(keys, merged, total, 0.5),
      percentile(keys, merged, total, 0.99)))
end

return pacing
