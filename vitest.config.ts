import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    environment: "node",
    env: { DATA_DIR: ".test-data/vitest", NODE_ENV: "test" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file opens its own databases; two workers match this machine's two cores.
    maxWorkers: 2,
  },
});
