// The transport for /api/share/[token]/…: the only routes a share token opens. The token in the path
// is resolved to a SharePrincipal (./links.ts) before the handler runs; no session is looked at, and
// no other route reads share tokens, so a token cannot reach anything else. Every answer is marked
// noindex and not cacheable.
import { redactSecrets } from "../../redact";
import type { EvalCompareDto, EvalDto } from "../../schemas/evals";
import type { RunDto } from "../../schemas/runs";
import { AppError } from "../errors";
import { errorResponse } from "../http";
import { resolveShareToken, type SharePrincipal } from "./links";

type Ctx<P> = { params: Promise<P> };

export const SHARE_HEADERS: [string, string][] = [
  ["X-Robots-Tag", "noindex, nofollow"],
  ["Cache-Control", "private, no-store"],
  ["Referrer-Policy", "no-referrer"],
];

export const noSuchShare = () =>
  new AppError("not_found", "this share link does not exist, was revoked or has expired: ask whoever sent it for a new one");

export function shareRoute<P extends { token: string }>(handler: (req: Request, params: P, share: SharePrincipal) => Promise<Response>) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    let res: Response;
    try {
      const params = await ctx.params;
      for (const [key, value] of [...Object.entries(params), ...new URL(req.url).searchParams]) {
        if (typeof value === "string" && value.includes("\u0000"))
          throw new AppError("bad_request", `${key} contains a NUL character`, { field: key });
      }
      const share = await resolveShareToken(params.token);
      if (!share) throw noSuchShare();
      res = await handler(req, params, share);
    } catch (e) {
      res = errorResponse(e);
    }
    for (const [k, v] of SHARE_HEADERS) res.headers.set(k, v);
    return res;
  };
}

/** An eval as a share link shows it: no ids that lead elsewhere (its endpoint, its run), no credentials in its error. */
export function publicEval(ev: EvalDto): EvalDto {
  return { ...ev, endpointId: null, runId: null, error: ev.error === null ? null : redactSecrets(ev.error) };
}

export function publicCompare(c: EvalCompareDto): EvalCompareDto {
  return { ...c, a: publicEval(c.a), b: publicEval(c.b) };
}

/** A run as a share link shows it: no backend job id, no link to the run it retried, no credentials in its error. */
export function publicRun(r: RunDto): RunDto {
  return { ...r, remoteJobId: null, retryOfId: null, error: r.error === null ? null : redactSecrets(r.error) };
}
