import { secondReviewInputSchema } from "@/lib/schemas/review";
import { json, parseBody, route } from "@/lib/server/http";
import { submitSecondReview } from "@/lib/server/reviews/submit-review";

type P = { projectId: string };

// Whoever may label examples may second-review someone else's labels.
export const POST = route<P>("examples.write", async (req, { projectId }, who) =>
  json(await submitSecondReview(projectId, await parseBody(req, secondReviewInputSchema), who.userId), 201),
);
