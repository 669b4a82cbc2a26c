// Load from a separate process with autocannon, for machines without wrk. Reads a JSON job from the
// file named in argv (tens of thousands of bodies do not fit in a command line):
// { url, method, headers, bodies: string[] | null, paths: string[] | null, seconds, connections }.
import { readFile } from "node:fs/promises";
import autocannon from "autocannon";

const job = JSON.parse(await readFile(process.argv[2], "utf8"));
let i = 0;
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  requests: [
    {
      method: job.method,
      headers: job.headers,
      setupRequest: (req) => {
        i++;
        if (job.bodies) req.body = job.bodies[i % job.bodies.length];
        if (job.paths) req.path = job.paths[i % job.paths.length];
        return req;
      },
    },
  ],
});
const ok = result["2xx"];
process.stdout.write(
  `${JSON.stringify({ rps: (ok + result.non2xx) / job.seconds, ok, non2xx: result.non2xx, p50: result.latency.p50, p99: result.latency.p99 })}\n`,
);
