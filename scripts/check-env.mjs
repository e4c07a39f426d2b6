// Validates the settings before anything starts, naming the variable that is wrong.
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with "file:" (SQLite) or "postgresql://"').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with "redis://"').optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  TOOLTUNE_INLINE_REVALIDATION_LIMIT: z.coerce.number().int().min(0).optional(),
  OPENAI_BASE_URL: z.string().url("must be a URL such as https://api.openai.com/v1").optional(),
  TOOLTUNE_GPU_URL: z.string().url("must be a URL such as http://gpu-box:8700").optional(),
  TOOLTUNE_POLL_MIN_MS: z.coerce.number().int().min(50).optional(),
  TOOLTUNE_POLL_MAX_MS: z.coerce.number().int().min(50).optional(),
  TOOLTUNE_EVAL_LEASE_MS: z.coerce.number().int().min(500).optional(),
  TOOLTUNE_EVAL_ATTEMPTS: z.coerce.number().int().min(1).max(20).optional(),
  TOOLTUNE_EVAL_TIMEOUT_MS: z.coerce.number().int().min(1000).optional(),
  TOOLTUNE_URL: z.string().url("must be the address people open, such as https://tooltune.example.com").optional(),
  TOOLTUNE_AUTH_SECRET: z.string().min(32, "must be at least 32 characters (make one with: openssl rand -base64 32)").optional(),
  TOOLTUNE_SIGNIN_PER_ADDRESS: z.coerce.number().int().min(1).optional(),
  TOOLTUNE_SIGNIN_PER_ACCOUNT: z.coerce.number().int().min(1).optional(),
});
const r = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
if (!r.success) {
  for (const i of r.error.issues) console.error(`[env] ${i.path.join(".")}: ${i.message}`);
  console.error("[env] fix these in your environment or .env (see .env.example)");
  process.exit(2);
}
