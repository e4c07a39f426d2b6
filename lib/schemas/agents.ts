// GPU agents of the pool (lib/server/runs/pool.ts): what an admin registers, and what the app shows.
import { z } from "zod";

const name = z.string().trim().min(1, "name the agent").max(60, "the name is at most 60 characters");
const url = z
  .string()
  .trim()
  .url("the agent's address, such as http://10.0.0.5:8700")
  .refine((u) => /^https?:\/\//.test(u), "the address starts with http:// or https://")
  .refine((u) => {
    const p = new URL(u);
    return !p.username && !p.password && !p.search && !p.hash;
  }, "the address has no credentials, query or fragment: the token goes in its own field");
const token = z.string().trim().min(16, "the agent's token is at least 16 characters (the agent refuses shorter ones)").max(500);
const count = (what: string) => z.number().int(`${what} is a whole number`).min(1, `${what} is at least 1`).max(64, `${what} is at most 64`);
const hourly = z.number().finite().min(0, "the hourly price cannot be negative").max(10_000).nullable();

export const agentCreateSchema = z.object({ name, url, token, gpus: count("gpus").default(1), slots: count("slots").default(1), hourlyUsd: hourly.default(null) });
export type AgentCreate = z.input<typeof agentCreateSchema>;

/** Every field optional; a missing token keeps the stored one. */
export const agentPatchSchema = z.object({ name, url, token, gpus: count("gpus"), slots: count("slots"), hourlyUsd: hourly }).partial();
export type AgentPatch = z.input<typeof agentPatchSchema>;

export interface AgentDto {
  id: string;
  name: string;
  url: string;
  gpus: number;
  slots: number;
  hourlyUsd: number | null;
  /** Base models it reported at the last probe. */
  baseModels: string[];
  online: boolean;
  lastSeenAt: string | null;
  lastError: string | null;
  /** Runs placed on it and not finished. */
  busy: number;
  createdAt: string;
}
