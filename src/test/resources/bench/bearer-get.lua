-- wrk: GET the URL with the bearer token the benchmark passes as its argument.
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end
