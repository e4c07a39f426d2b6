import { json, route } from "@/lib/server/http";
import { backendInfo } from "@/lib/server/runs/backends";

export const GET = route("read", async () => json(backendInfo()));
