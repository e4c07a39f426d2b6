// The app's side of the queue: a lazily created producer that fails fast when Redis is down
// instead of hanging a request.
import { Queue } from "bullmq";
import IORedis from "ioredis";
import { queueName, redisUrl } from "../queue/contracts";
import { redactUrl } from "../redact";
import { AppError } from "./errors";

const g = globalThis as unknown as { __tooltuneQueue?: Queue; __tooltuneQueueConn?: IORedis };

export function queue(): Queue {
  if (!g.__tooltuneQueue) {
    const connection = new IORedis(redisUrl(), {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 3000,
      lazyConnect: false,
    });
    connection.on("error", () => {}); // surfaced per request by enqueue()
    g.__tooltuneQueueConn = connection;
    const q = new Queue(queueName(), {
      connection,
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000, attempts: 3, backoff: { type: "exponential", delay: 2000 } },
    });
    q.on("error", () => {}); // surfaced per request by enqueue()
    g.__tooltuneQueue = q;
  }
  return g.__tooltuneQueue;
}

const ENQUEUE_TIMEOUT_MS = 3000;

export interface EnqueueOptions {
  delay?: number;
  attempts?: number;
  /** Drop the job from Redis once it completes (its result is stored elsewhere), so the same id can be queued again. */
  removeOnComplete?: boolean;
}

export async function enqueue(name: string, payload: object, jobId: string, opts: EnqueueOptions = {}): Promise<void> {
  await withRedis(`queue "${name}"`, () => queue().add(name, payload, { jobId, ...opts }));
}

/**
 * Runs `fn` against Redis within ENQUEUE_TIMEOUT_MS: BullMQ waits for a connection before each
 * command, and a request must not wait for Redis to come back. `what` names the action in the error.
 */
export async function withRedis<T>(what: string, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    return await Promise.race([connected().then(fn), timeout]);
  } catch (e) {
    throw new AppError(
      "queue_unavailable",
      `cannot reach Redis at ${redactUrl(redisUrl())} to ${what} (${(e as Error).message}); start it with: redis-server --daemonize yes`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves once the producer's connection is ready. With the offline queue off (so a request never
 * waits on a dead Redis), a command sent while ioredis is still connecting or reconnecting fails
 * with "Stream isn't writeable"; waiting for "ready" here, inside withRedis's timeout, keeps both.
 */
let whenReady: { conn: IORedis; ready: Promise<void> } | undefined;
function connected(): Promise<void> {
  queue();
  const c = g.__tooltuneQueueConn!;
  if (c.status === "ready") return Promise.resolve();
  // One listener however many requests wait (Redis down: each would add one until it returns).
  if (whenReady?.conn !== c)
    whenReady = { conn: c, ready: new Promise((resolve) => c.once("ready", () => ((whenReady = undefined), resolve()))) };
  return whenReady.ready;
}

/** The producer's Redis connection once it is ready, for small values kept beside the queue (finished reports). */
export async function redisConnection(): Promise<IORedis> {
  await queue().waitUntilReady();
  return g.__tooltuneQueueConn!;
}

/**
 * Whether a worker is connected to the queue (BullMQ names its connections; CLIENT LIST shows them).
 * A Redis that refuses CLIENT LIST answers true: the app cannot tell, so it does not claim the worker is down.
 */
export async function workerConnected(): Promise<boolean> {
  return (await queue().getWorkersCount()) > 0;
}

export async function closeQueue(): Promise<void> {
  if (g.__tooltuneQueue) {
    const q = g.__tooltuneQueue;
    g.__tooltuneQueue = undefined;
    await q.close();
    await g.__tooltuneQueueConn?.quit().catch(() => {});
  }
}
