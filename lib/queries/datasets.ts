import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { HealthReport } from "@/lib/datasets/health";
import type { HealthProgress } from "@/lib/datasets/health-progress";
import type { PriceTable } from "@/lib/datasets/cost";
import type { Split } from "@/lib/schemas/common";
import type { RatioDto } from "@/lib/schemas/stats";
import { invalidateProject, projectScope } from "./projects";

/** "labelled": every labelled example but gold, split or not (the estimate before a split). */
export type HealthSplit = "train" | "validation" | "all" | "labelled";
export type HealthEncoding = "cl100k_base" | "o200k_base";
export type ExportFormat = "openai" | "trl" | "router";
export type ExportSplit = "train" | "validation" | "all";
export const CATALOGUE_FILES = ["catalogue.schema.json", "tooltune_catalogue.ts", "tooltune_catalogue.py"] as const;
export type CatalogueFile = (typeof CATALOGUE_FILES)[number];

export interface HealthParams {
  split: HealthSplit;
  encoding: HealthEncoding;
  tokenLimit: number;
}

export interface CostRowDto {
  model: string;
  usd: number;
  perMillion: number;
  tokens: number;
}

export interface HealthDto {
  report: HealthReport;
  costs: CostRowDto[];
}

/** What GET /health answers (202) while the worker computes a large split's report (re-declared: the server module is not for the browser). */
export interface HealthComputingDto extends HealthProgress {
  status: "computing";
  /** queued: no worker has started it yet; running: a worker is counting. */
  phase: "queued" | "running";
  /** false once the job has waited a few seconds with no worker connected to the queue. */
  workerRunning: boolean;
}

/** The answer is the worker's progress (202), not the report or snapshot asked for. */
export const isComputing = <T extends object>(d: T | HealthComputingDto | undefined): d is HealthComputingDto =>
  d !== undefined && "status" in d && d.status === "computing";

/** How often the panel asks again while the worker computes a report. */
export const HEALTH_POLL_MS = 1000;

export interface PricingDto {
  prices: PriceTable;
  /** false while the project uses the published defaults. */
  custom: boolean;
}

/** What POST /split answers (re-declared here: the server module is not for the browser). */
export interface SplitPreviewDto {
  /** Examples that would get (or got) a split now. */
  assigned: number;
  splits: Record<Split, { examples: number; ratio: RatioDto }>;
  dryRun: boolean;
}

export interface SplitRequest {
  validation: number;
  gold: number;
  seed: number;
}

const dataScope = (projectId: string) => [...projectScope(projectId), "data"] as const;

export const healthQuery = (projectId: string, params: HealthParams) =>
  queryOptions({
    queryKey: [...dataScope(projectId), "health", params] as const,
    queryFn: ({ signal }) => api.get<HealthDto | HealthComputingDto>(apiPath(["projects", projectId, "health"], { ...params }), signal),
    // Tokenising a whole split is not free: keep the last report on screen while the next one loads.
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    // A large split is computed by the worker: follow its progress until the report is there (or the job failed).
    refetchInterval: (query) => (query.state.status !== "error" && isComputing(query.state.data) ? HEALTH_POLL_MS : false),
  });

export const pricingQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...dataScope(projectId), "pricing"] as const,
    queryFn: ({ signal }) => api.get<PricingDto>(apiPath(["projects", projectId, "pricing"]), signal),
  });

/** Saves a price table, or `null` to go back to the published defaults. */
export function useSavePricing(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (prices: PriceTable | null) => api.put<PricingDto>(apiPath(["projects", projectId, "pricing"]), prices),
    onSuccess: (saved) => {
      qc.setQueryData(pricingQuery(projectId).queryKey, saved);
      return qc.invalidateQueries({ queryKey: [...dataScope(projectId), "health"] });
    },
  });
}

export function useSplitPreview(projectId: string) {
  return useMutation({
    mutationFn: (req: SplitRequest) => api.post<SplitPreviewDto>(apiPath(["projects", projectId, "split"]), { ...req, dryRun: true }),
  });
}

/** Assigns the unassigned labelled examples; the gauge, the examples' split column and the health of each split change. */
export function useApplySplit(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: SplitRequest) => api.post<SplitPreviewDto>(apiPath(["projects", projectId, "split"]), { ...req, dryRun: false }),
    onSuccess: () => invalidateProject(qc, projectId),
  });
}

export const exportHref = (projectId: string, format: ExportFormat, split: ExportSplit) =>
  apiPath(["projects", projectId, "export"], { format, split });

export const catalogueCodeHref = (projectId: string, file: CatalogueFile) => apiPath(["projects", projectId, "export", "code"], { file });
