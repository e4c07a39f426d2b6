// Share links: a read-only link to one eval report, one eval comparison, one run page or one run
// overlay, for someone without an account. Shared by the server (lib/server/share/) and the browser
// (the Share dialog and the public page at /share/[token]).
import { z } from "zod";
import type { OutputStyle } from "./common";

export const SHARE_KINDS = ["eval", "eval_compare", "run", "run_overlay"] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

/** The expiry chooser's choices, in days; 30 is the default. */
export const SHARE_DAYS = [1, 7, 30, 90] as const;
export const SHARE_DEFAULT_DAYS = 30;

/** How many target ids each kind takes: one eval, evals A and B, one run, two to eight overlaid runs. */
export const SHARE_TARGETS: Record<ShareKind, { min: number; max: number; what: string }> = {
  eval: { min: 1, max: 1, what: "one eval id" },
  eval_compare: { min: 2, max: 2, what: "two eval ids (A, then B)" },
  run: { min: 1, max: 1, what: "one run id" },
  run_overlay: { min: 2, max: 8, what: "two to eight run ids" },
};

const id = z.string().trim().min(1).max(100);

export const shareCreateSchema = z
  .object({
    kind: z.enum(SHARE_KINDS),
    targets: z.array(id).min(1).max(8),
    days: z
      .number()
      .int()
      .refine((d) => (SHARE_DAYS as readonly number[]).includes(d), `choose ${SHARE_DAYS.join(", ")} days`)
      .default(SHARE_DEFAULT_DAYS),
  })
  .superRefine((v, ctx) => {
    const t = SHARE_TARGETS[v.kind];
    if (v.targets.length < t.min || v.targets.length > t.max) ctx.addIssue({ code: "custom", path: ["targets"], message: `a ${v.kind} link takes ${t.what}` });
    if (new Set(v.targets).size !== v.targets.length) ctx.addIssue({ code: "custom", path: ["targets"], message: "the same id is listed twice" });
  });
export type ShareCreate = z.output<typeof shareCreateSchema>;

export const shareListQuerySchema = z.object({ kind: z.enum(SHARE_KINDS), targets: z.string().max(900) });

export interface ShareLinkDto {
  id: string;
  kind: ShareKind;
  targets: string[];
  createdById: string | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastViewedAt: string | null;
  /** Only in the answer to the request that made it: the link is never shown again. */
  url?: string;
}

/** What the public page learns about its link: which thing to show. Nothing else of the project. */
export interface ShareViewDto {
  kind: ShareKind;
  projectId: string;
  targets: string[];
  expiresAt: string;
  /** The project's output style: how the report draws a model's answer. */
  outputStyle: OutputStyle;
}

export const sharePath = (token: string) => `/share/${encodeURIComponent(token)}`;
