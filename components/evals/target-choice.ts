// The model picker's state and what it resolves to. The picker keeps one draft per group (so
// switching tabs loses nothing) and resolves the visible group to a ModelTarget. Pure.
import type { EvalTargetsDto, ModelTarget } from "@/lib/schemas/evals";

export type TargetGroup = "trained" | "openai" | "gpu" | "together" | "fireworks" | "endpoint";
export const TARGET_GROUPS: readonly TargetGroup[] = ["trained", "openai", "gpu", "together", "fireworks", "endpoint"];
/** The groups that name a model of a training backend (typed, or picked from its suggestions). */
export type NamedGroup = "openai" | "gpu" | "together" | "fireworks";

export interface TargetChoice {
  group: TargetGroup;
  /** Index into targets.trained, as a string ("" = none). */
  trained: string;
  openai: string;
  gpu: string;
  together: string;
  fireworks: string;
  endpointId: string;
  /** null: the endpoint's default model. */
  endpointModel: string | null;
}

export interface GroupInfo {
  id: TargetGroup;
  label: string;
  /** Why the group cannot be used, or null. */
  disabled: string | null;
}

export interface ResolvedTarget {
  target: ModelTarget | null;
  /** The run the model came from, for models trained in this project. */
  runId?: string;
  /** What to fix when target is null. */
  problem?: string;
  /** "gpt-4o-mini (OpenAI)", for headings and answer cards. */
  label: string;
}

export interface Prefill {
  runId?: string | null;
  model?: string | null;
  backend?: string | null;
}

const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

const backendOf = (targets: EvalTargetsDto, id: NamedGroup) => targets.backends.find((b) => b.id === id);

export function groupsOf(targets: EvalTargetsDto): GroupInfo[] {
  const unconfigured = (id: NamedGroup) => {
    const b = backendOf(targets, id);
    if (!b) return "not offered by this server";
    return b.configured ? null : `not configured: set ${b.missing.join(", ") || "its settings"} on the server`;
  };
  return [
    { id: "trained", label: "Trained in this project", disabled: targets.trained.length === 0 ? "no finished runs yet" : null },
    // Short names: the backends' own labels describe their training ("OpenAI fine-tuning").
    { id: "openai", label: "OpenAI", disabled: unconfigured("openai") },
    { id: "gpu", label: "GPU agent", disabled: unconfigured("gpu") },
    { id: "together", label: "Together AI", disabled: unconfigured("together") },
    { id: "fireworks", label: "Fireworks AI", disabled: unconfigured("fireworks") },
    { id: "endpoint", label: "Endpoints", disabled: null },
  ];
}

/** Where the picker starts: what the link asked for, else the first usable group. */
export function initialChoice(targets: EvalTargetsDto, prefill: Prefill = {}): TargetChoice {
  const openaiModels = backendOf(targets, "openai")?.models ?? [];
  const gpuModels = backendOf(targets, "gpu")?.models ?? [];
  const choice: TargetChoice = {
    group: "openai",
    trained: targets.trained.length > 0 ? "0" : "",
    openai: openaiModels.includes(DEFAULT_OPENAI_MODEL) ? DEFAULT_OPENAI_MODEL : (openaiModels[0] ?? DEFAULT_OPENAI_MODEL),
    gpu: gpuModels[0] ?? "",
    together: backendOf(targets, "together")?.models[0] ?? "",
    fireworks: backendOf(targets, "fireworks")?.models[0] ?? "",
    endpointId: targets.endpoints[0]?.id ?? "",
    endpointModel: null,
  };
  const { runId, model, backend } = prefill;
  if (model) {
    const i = targets.trained.findIndex((t) => t.model === model && (!runId || t.runId === runId));
    if (i >= 0) return { ...choice, group: "trained", trained: String(i) };
    if (backend === "gpu") return { ...choice, group: "gpu", gpu: model };
    if (backend === "together") return { ...choice, group: "together", together: model };
    if (backend === "fireworks") return { ...choice, group: "fireworks", fireworks: model };
    if (backend === "openai" || !backend) return { ...choice, group: "openai", openai: model };
  }
  const usable = groupsOf(targets).find((g) => g.disabled === null && (g.id !== "endpoint" || targets.endpoints.length > 0));
  return { ...choice, group: usable?.id ?? "openai" };
}

export function resolveTarget(choice: TargetChoice, targets: EvalTargetsDto): ResolvedTarget {
  const group = groupsOf(targets).find((g) => g.id === choice.group);
  if (group?.disabled) return { target: null, problem: `${group.label}: ${group.disabled}`, label: group.label };
  switch (choice.group) {
    case "trained": {
      const t = targets.trained[Number(choice.trained)];
      if (choice.trained === "" || !t) return { target: null, problem: "choose a trained model", label: "trained model" };
      return { target: { backend: t.backend, model: t.model }, runId: t.runId, label: t.label || t.model };
    }
    case "openai":
    case "gpu":
    case "together":
    case "fireworks": {
      const model = choice[choice.group].trim();
      const label = `${model || "model"} (${group?.label ?? choice.group})`;
      if (!model) return { target: null, problem: "name the model", label };
      return { target: { backend: choice.group, model }, label };
    }
    case "endpoint": {
      const ep = targets.endpoints.find((e) => e.id === choice.endpointId);
      if (!ep)
        return {
          target: null,
          problem: targets.endpoints.length === 0 ? "add an endpoint first" : "choose an endpoint",
          label: "endpoint",
        };
      const model = (choice.endpointModel ?? ep.defaultModel).trim();
      const label = `${model || "model"} (${ep.name})`;
      if (!model) return { target: null, problem: "name the model (the endpoint has no default)", label };
      return { target: { backend: "endpoint", endpointId: ep.id, model }, label };
    }
  }
}

/** A second pick that starts on another model than the first: the next usable group. */
export function secondChoice(targets: EvalTargetsDto, first: TargetChoice): TargetChoice {
  const base = initialChoice(targets);
  const firstKey = resolveTarget(first, targets).target;
  const usable = groupsOf(targets).filter((g) => g.disabled === null && (g.id !== "endpoint" || targets.endpoints.length > 0));
  const other = usable.find((g) => g.id !== first.group);
  if (other) return { ...base, group: other.id };
  if (first.group === "trained" && targets.trained.length > 1 && firstKey)
    return { ...base, group: "trained", trained: first.trained === "0" ? "1" : "0" };
  return { ...base, group: first.group };
}

/** A stable key for a target, to tell two picks apart. */
export const targetKey = (t: ModelTarget) => `${t.backend}|${t.endpointId ?? ""}|${t.model}`;
