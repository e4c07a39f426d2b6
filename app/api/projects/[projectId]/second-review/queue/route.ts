import { reviewQueueQuerySchema } from "@/lib/schemas/review";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { reviewQueue } from "@/lib/server/reviews/queue";

type P = { projectId: string };

// A read (it changes nothing), but only a reviewer's own queue: the examples they have not labelled or reviewed.
export const GET = route<P>("examples.write", async (req, { projectId }, who) =>
  json(await reviewQueue(projectId, who.userId, parseWith(reviewQueueQuerySchema, searchParams(req)))),
);
