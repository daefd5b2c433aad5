-- wrk: POST /api/v1/tickets at a fixed rate (pacing.lua). Arguments: requests per second per
-- thread, body, token.
local pacing = dofile("src/test/resources/bench/pacing.lua")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  pacing.init(args[1])
  wrk.method = "POST"
  wrk.body = args[2]
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[3]
end

function delay()
  return pacing.delay()
end

function response(status, headers, body)
  pacing.record(status == 201)
end

function done()
  pacing.report(threads)
end
