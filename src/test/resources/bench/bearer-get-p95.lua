-- wrk: GET the URL with the bearer token the benchmark passes as its argument; at the end prints the
-- 95th percentile of the latencies, which wrk's own --latency table leaves out (50, 75, 90, 99).
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end

function done(summary, latency, requests)
  io.write(string.format("p95-us: %d\n", latency:percentile(95)))
end
