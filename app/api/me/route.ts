import type { MeDto } from "@/lib/schemas/auth";
import { json, route } from "@/lib/server/http";

/** The signed-in member: the browser hides what their role cannot do (the server checks anyway). */
export const GET = route("read", async (_req, _p, who) => json({ id: who.userId, name: who.name, email: who.email, role: who.role } as MeDto));
