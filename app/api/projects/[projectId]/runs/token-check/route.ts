import { tokenCheckSchema } from "@/lib/schemas/runs";
import { json, parseBody, route } from "@/lib/server/http";
import { checkTokenLengths } from "@/lib/server/runs/token-check";

/** max_seq_length against the base model's own tokenizer, asked of a GPU agent before the run starts; changes nothing. */
export const POST = route<{ projectId: string }>("runs.write", async (req, { projectId }) => json(await checkTokenLengths(projectId, await parseBody(req, tokenCheckSchema))));
