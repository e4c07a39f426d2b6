// Queue contracts shared by producer (app) and consumer (worker). Payloads carry ids only.
import { z } from "zod";

export const QUEUE_NAME = "tooltune";

export const jobs = {
  revalidateProject: {
    name: "revalidate-project",
    payload: z.object({
      projectId: z.string(),
      catalogueVersion: z.number().int(),
      onlyTools: z.array(z.string()).nullable(),
    }),
    // BullMQ job ids may not contain ':'.
    jobId: (p: { projectId: string; catalogueVersion: number }) => `revalidate-${p.projectId}-v${p.catalogueVersion}`,
  },
} as const;

export type RevalidatePayload = z.infer<typeof jobs.revalidateProject.payload>;

export function redisUrl(): string {
  return process.env.REDIS_URL || "redis://127.0.0.1:6379";
}
