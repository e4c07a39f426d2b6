// `npm start` on a fresh install: prints the one-time link that makes the owner account. Each start
// makes a new link (the previous one stops working) until the owner exists; then it prints nothing.
import { newSetupLink } from "../lib/server/auth/invites";
import { closeAuthRedis } from "../lib/server/auth/rate-limit";
import { disconnectDb } from "../lib/server/db";

const url = await newSetupLink();
if (url) {
  console.log("");
  console.log("  First run: open this one-time link to make the owner account (it works once):");
  console.log(`  ${url}`);
}
await closeAuthRedis();
await disconnectDb();
