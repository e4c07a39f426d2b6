// Saved OpenAI-compatible endpoints (vLLM, Ollama, llama.cpp server...). The key is write-only:
// it is stored on the server and only `hasKey` ever leaves it.
import { endpointInputSchema, endpointOrigin, endpointPatchSchema, type EndpointDto, type EndpointInput, type EndpointPatch } from "../../schemas/evals";
import { redactUrl } from "../../redact";
import { LIMITS } from "../../schemas/common";
import { db, type Db } from "../db";

type Endpoint = Awaited<ReturnType<Db["endpoint"]["findUniqueOrThrow"]>>;
import { AppError, notFound } from "../errors";
import { checkUrlResolved } from "../net/outbound";
import { encryptSecret } from "../secrets";

export function toEndpointDto(e: Endpoint): EndpointDto {
  return {
    id: e.id,
    name: e.name,
    // Rows saved before URLs with credentials were refused still hold them: never show them.
    baseUrl: redactUrl(e.baseUrl),
    hasKey: !!e.apiKey,
    defaultModel: e.defaultModel,
    inputPerMillionUsd: e.inputPerMillionUsd,
    outputPerMillionUsd: e.outputPerMillionUsd,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function listEndpoints(): Promise<EndpointDto[]> {
  return (await db().endpoint.findMany({ orderBy: { name: "asc" } })).map(toEndpointDto);
}

async function nameTaken(name: string, exceptId?: string) {
  const other = await db().endpoint.findUnique({ where: { name } });
  if (other && other.id !== exceptId) throw new AppError("conflict", `an endpoint named "${name}" already exists`, { field: "name" });
}

const trimUrl = (u: string) => u.replace(/\/+$/, "");

/** Refuses, when it is saved, a URL the outbound policy would refuse at every request. */
async function checkReachable(baseUrl: string) {
  const why = await checkUrlResolved(baseUrl);
  if (why) throw new AppError("validation_failed", `baseUrl: ${why}`, { field: "baseUrl", issues: [{ path: "baseUrl", message: why }] });
}

export async function createEndpoint(input: EndpointInput): Promise<EndpointDto> {
  const data = endpointInputSchema.parse(input);
  await nameTaken(data.name);
  if ((await db().endpoint.count()) >= LIMITS.endpoints) throw new AppError("validation_failed", `at most ${LIMITS.endpoints} endpoints can be saved; delete ones no longer used`, { field: "name" });
  await checkReachable(data.baseUrl);
  const row = await db().endpoint.create({
    data: { ...data, baseUrl: trimUrl(data.baseUrl), apiKey: data.apiKey ? encryptSecret(data.apiKey) : null },
  });
  return toEndpointDto(row);
}

export async function updateEndpoint(id: string, input: EndpointPatch): Promise<EndpointDto> {
  const current = await db().endpoint.findUnique({ where: { id } });
  if (!current) throw notFound("endpoint", id);
  const data = endpointPatchSchema.parse(input);
  if (data.name !== undefined) await nameTaken(data.name, id);
  const baseUrl = data.baseUrl !== undefined ? trimUrl(data.baseUrl) : undefined;
  if (baseUrl !== undefined) await checkReachable(baseUrl);
  // A key belongs to the server it was typed for: a new origin without a new key drops the old one.
  const moved = baseUrl !== undefined && endpointOrigin(baseUrl) !== endpointOrigin(current.baseUrl);
  const apiKey = data.apiKey !== undefined ? (data.apiKey === "" ? null : encryptSecret(data.apiKey)) : moved ? null : undefined;
  const row = await db().endpoint.update({
    where: { id },
    data: { ...data, ...(baseUrl !== undefined ? { baseUrl } : {}), ...(apiKey !== undefined ? { apiKey } : {}) },
  });
  return toEndpointDto(row);
}

export async function deleteEndpoint(id: string): Promise<void> {
  const r = await db().endpoint.deleteMany({ where: { id } });
  if (r.count === 0) throw notFound("endpoint", id);
}
