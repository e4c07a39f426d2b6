import { json, route } from "@/lib/server/http";
import { backendInfoLive } from "@/lib/server/runs/backends";

export const GET = route("read", async () => json(await backendInfoLive()));
