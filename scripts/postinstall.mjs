// After every install: patch adapter-pg (see patch-adapter-pg.mjs) and generate both Prisma clients.
import { execFileSync } from "node:child_process";
execFileSync("node", ["scripts/patch-adapter-pg.mjs"], { stdio: "inherit" });
execFileSync("node", ["scripts/db.mjs", "generate"], { stdio: "inherit" });
