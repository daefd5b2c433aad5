-- wrk: each thread is one desk (one connection per thread): call-next, then complete what it called.
-- Arguments: requests per second per desk (0: as fast as answers come, see pacing.lua), token,
-- then one desk id per thread.
local pacing = dofile("src/test/resources/bench/pacing.lua")
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  pacing.init(args[1])
  token = args[2]
  desk = args[index + 2]
  ticket = nil
  wrk.headers["Authorization"] = "Bearer " .. token
end

function delay()
  return pacing.delay()
end

function request()
  if ticket then
    return wrk.format("POST", "/api/v1/tickets/" .. ticket .. "/complete")
  end
  return wrk.format("POST", "/api/v1/desks/" .. desk .. "/call-next")
end

function response(status, headers, body)
  pacing.record(status == 200)
  if ticket then
    ticket = nil
  elseif status == 200 then
    ticket = string.match(body, '"id":"([^"]+)"')
  end
end

function done()
  pacing.report(threads)
end
