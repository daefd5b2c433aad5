-- wrk: POST /api/v1/auth/login in turn as each "username:password" the benchmark passes, in tenant demo.
function init(args)
  users = {}
  for _, pair in ipairs(args) do
    local name, password = pair:match("^([^:]+):(.+)$")
    table.insert(users, {name, password})
  end
  n = 0
end

function request()
  n = n + 1
  local user = users[(n % #users) + 1]
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"},
    string.format('{"tenant":"demo","username":"%s","password":"%s"}', user[1], user[2]))
end
