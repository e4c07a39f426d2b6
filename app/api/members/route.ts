import { listMembers } from "@/lib/server/auth/members";
import { json, route } from "@/lib/server/http";

export const GET = route("read", async () => json(await listMembers()));
