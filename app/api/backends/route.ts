import { json, route } from "@/lib/server/http";
import { backendInfo } from "@/lib/server/runs/backends";

export const GET = route(async () => json(backendInfo()));
