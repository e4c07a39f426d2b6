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
    const connection = new IORedis(redisUrl(), { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 3000, lazyConnect: false });
    connection.on("error", () => {}); // surfaced per request by enqueue()
    g.__tooltuneQueueConn = connection;
    const q = new Queue(queueName(), { connection, defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000, attempts: 3, backoff: { type: "exponential", delay: 2000 } } });
    q.on("error", () => {}); // surfaced per request by enqueue()
    g.__tooltuneQueue = q;
  }
  return g.__tooltuneQueue;
}

const ENQUEUE_TIMEOUT_MS = 3000;

export async function enqueue(name: string, payload: object, jobId: string, opts: { delay?: number; attempts?: number } = {}): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    // BullMQ waits for a connection before adding; a request must not wait for Redis to come back.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    await Promise.race([queue().add(name, payload, { jobId, ...opts }), timeout]);
  } catch (e) {
    throw new AppError("queue_unavailable", `cannot reach Redis at ${redactUrl(redisUrl())} to queue "${name}" (${(e as Error).message}); start it with: redis-server --daemonize yes`);
  } finally {
    clearTimeout(timer);
  }
}

export async function closeQueue(): Promise<void> {
  if (g.__tooltuneQueue) {
    const q = g.__tooltuneQueue;
    g.__tooltuneQueue = undefined;
    await q.close();
    await g.__tooltuneQueueConn?.quit().catch(() => {});
  }
}
