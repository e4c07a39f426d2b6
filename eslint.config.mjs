import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Browser-side code must never pull in the database, the queue or server-only modules.
const serverOnly = {
  patterns: [
    { group: ["**/lib/server/**", "@/lib/server/**"], message: "client-safe code may not import server code (lib/server)" },
    { group: ["**/generated/**", "@prisma/*", "better-sqlite3", "pg", "bullmq", "ioredis"], message: "client-safe code may not import database or queue packages" },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["components/**", "lib/schemas/**", "lib/queries/**", "lib/forms/**", "lib/client/**", "lib/validation/**", "lib/training/**", "lib/formats/**", "lib/gauge.ts", "lib/prompt.ts"],
    rules: { "no-restricted-imports": ["error", serverOnly] },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  globalIgnores([".next/**", ".tmp/**", "generated/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "workers/gpu-agent/**"]),
]);
