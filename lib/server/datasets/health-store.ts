// Health reports the worker computed, kept in Redis beside the queue under the state of the
// project's data they describe, so that whichever web process asks next can read them. A report
// expires a day after it was computed: a state nobody asks for again (the data moved on) goes away.
import type { HealthReport } from "../../datasets/health";
import { queueName } from "../../queue/contracts";
import { db } from "../db";
import { notFound } from "../errors";
import { redisConnection, withRedis } from "../queue";
import { exampleDataVersion } from "./data-cache";
import type { HealthOptions } from "./health";
import type { ExportQuery } from "./export";

export const REPORT_TTL_S = 24 * 60 * 60;

/** What a report is of: a project's split, measured with these options. */
export interface HealthTarget extends HealthOptions {
  projectId: string;
  split: ExportQuery["split"];
}

/**
 * The state of the project's data, catalogue and settings, as data-cache.ts keys its memory cache:
 * any write to an example bumps the data version, a catalogue change the catalogue version, a
 * settings change `updatedAt`. Written without ':' so that it can be part of a BullMQ job id.
 */
export async function dataState(projectId: string): Promise<string> {
  const [project, version] = await Promise.all([
    db().project.findUnique({ where: { id: projectId }, select: { catalogueVersion: true, updatedAt: true } }),
    exampleDataVersion(projectId),
  ]);
  if (!project) throw notFound("project", projectId);
  return `c${project.catalogueVersion}-p${project.updatedAt.getTime()}-d${version}`;
}

const reportKey = (t: HealthTarget, state: string) =>
  `${queueName()}:health:${t.projectId}:${t.split}:${t.encoding}:${t.tokenLimit}:${state}`;

export async function storedReport(t: HealthTarget, state: string): Promise<HealthReport | null> {
  const text = await withRedis("read a health report", async () => (await redisConnection()).get(reportKey(t, state)));
  return text === null ? null : (JSON.parse(text) as HealthReport);
}

export async function storeReport(t: HealthTarget, state: string, report: HealthReport): Promise<void> {
  await withRedis("store a health report", async () =>
    (await redisConnection()).set(reportKey(t, state), JSON.stringify(report), "EX", REPORT_TTL_S),
  );
}
