import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "bench/**"],
    // Native modules (libSQL, sharp) are happiest in child processes rather than worker threads.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for a state (a thumbnail drawn, a row synced), not a deadline: on a shared
    // two-core machine photo capture or a sync can take seconds, so a poll gives up only after 15 s.
    expect: { poll: { timeout: 15_000 } },
    reporters: ["default"],
  },
});
