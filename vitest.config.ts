import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };

// Unit tests are pure and fast; integration tests use the real database named by DATABASE_URL and
// real Redis, one file at a time so they never fight over rows.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ["tests/integration/global-setup.ts"],
          // The test servers (OpenAI, endpoints) listen on loopback, which the outbound policy refuses unless allowed.
          env: { TOOLTUNE_ALLOWED_HOSTS: "127.0.0.1" },
        },
      },
    ],
  },
});
