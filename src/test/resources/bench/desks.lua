-- wrk: each thread is one desk (one connection per thread): call-next, then complete what it called.
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  desk = args[index + 1]
  ticket = nil
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  if ticket then
    return wrk.format("POST", "/api/v1/tickets/" .. ticket .. "/complete")
  end
  return wrk.format("POST", "/api/v1/desks/" .. desk .. "/call-next")
end

function response(status, headers, body)
  if ticket then
    ticket = nil
  elseif status == 200 then
    ticket = string.match(body, '"id":"([^"]+)"')
  end
end
