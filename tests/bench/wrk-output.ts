/** What one load run measured. */
export interface LoadRun {
  rps: number;
  ok: number;
  non2xx: number;
  p50: number;
  p99: number;
}

/** Reads `wrk --latency` output: requests per second, the 2xx count, p50 and p99 in milliseconds. */
export function parseWrkOutput(out: string): LoadRun {
  const ms = (v: string, unit: string) => Number(v) * (unit === "us" ? 0.001 : unit === "s" ? 1000 : 1);
  const pct = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? ms(m[1]!, m[2]!) : NaN;
  };
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    ok: total - non2xx,
    non2xx,
    p50: pct("50"),
    p99: pct("99"),
  };
}
