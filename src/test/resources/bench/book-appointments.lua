-- wrk: POST /api/v1/appointments, each request a free 15-minute slot.
-- Arguments: token, service id, first slot (epoch seconds), wrk's thread count, then
-- practitioner/patient id pairs.
-- Each wrk thread books for its own share of the practitioners, in turn, slot after slot; a
-- practitioner works 00:00-23:45, so the day's 96th slot is skipped.
local created = 0

function setup(thread)
  created = created + 1
  thread:set("index", created)
end

function init(args)
  token, service, first = args[1], args[2], tonumber(args[3])
  local threads = tonumber(args[4])
  mine = {}
  local k = 0
  for i = 5, #args, 2 do
    if k % threads == index - 1 then
      mine[#mine + 1] = { args[i], args[i + 1] }
    end
    k = k + 1
  end
  n = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  local pair = mine[n % #mine + 1]
  local slot = math.floor(n / #mine)
  n = n + 1
  local at = first + 900 * (slot + math.floor(slot / 95))
  local body = string.format('{"patient_id": "%s", "therapist_id": "%s", "service_id": "%s", "start": "%s"}',
    pair[2], pair[1], service, os.date("!%Y-%m-%dT%H:%M:%SZ", at))
  return wrk.format(nil, nil, nil, body)
end
