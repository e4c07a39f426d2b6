import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3107);

// Debian's chromium, never a downloaded browser. The app runs from the production build on a
// fresh SQLite database (scripts/e2e-server.sh).
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e-artifacts",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/reports/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: `bash scripts/e2e-server.sh ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // The stdio MCP server the import test chooses (tests/support/mcp-server), as an operator allows one.
    env: {
      TOOLTUNE_MCP_SERVERS: JSON.stringify({
        "test-tools": { command: process.execPath, args: ["--import", "tsx", path.resolve("tests/support/mcp-server/stdio.ts")], cwd: process.cwd() },
      }),
    },
  },
});
