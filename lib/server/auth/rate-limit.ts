// Sign-in attempts are limited per address (Better Auth's limiter, counted in Redis so every app
// process shares the count) and per account (the hook in auth.ts), so a password cannot be guessed
// from many addresses or many passwords tried from one.
import IORedis from "ioredis";
import { redisUrl } from "../../queue/contracts";

const g = globalThis as unknown as { __tooltuneAuthRedis?: IORedis };

function redis(): IORedis {
  if (!g.__tooltuneAuthRedis) {
    const r = new IORedis(redisUrl(), { maxRetriesPerRequest: 1, connectTimeout: 3000, keyPrefix: "tooltune:auth:" });
    r.on("error", () => {}); // surfaced by the command that fails
    g.__tooltuneAuthRedis = r;
  }
  return g.__tooltuneAuthRedis;
}

export async function closeAuthRedis(): Promise<void> {
  const r = g.__tooltuneAuthRedis;
  g.__tooltuneAuthRedis = undefined;
  await r?.quit().catch(() => {});
}

function envInt(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Sign-in attempts allowed per address per minute, and per account per 15 minutes. */
export function signInLimits() {
  return {
    perAddress: { window: 60, max: envInt("TOOLTUNE_SIGNIN_PER_ADDRESS", 10) },
    perAccount: { window: 15 * 60, max: envInt("TOOLTUNE_SIGNIN_PER_ACCOUNT", 10) },
  };
}

/** One more hit on `key` in a fixed window of `window` seconds; allowed while the count is at most `max`. */
export async function consume(key: string, rule: { window: number; max: number }): Promise<{ allowed: boolean; retryAfter: number | null }> {
  const res = (await redis().multi().incr(key).expire(key, rule.window, "NX").ttl(key).exec()) ?? [];
  const count = Number(res[0]?.[1]);
  const ttl = Number(res[2]?.[1]);
  if (count <= rule.max) return { allowed: true, retryAfter: null };
  return { allowed: false, retryAfter: ttl > 0 ? ttl : rule.window };
}

export async function forget(key: string): Promise<void> {
  await redis().del(key);
}

/** Better Auth's rate-limit storage, in Redis. */
export const redisRateLimitStorage = { consume: (key: string, rule: { window: number; max: number }) => consume(`rl:${key}`, rule) };
