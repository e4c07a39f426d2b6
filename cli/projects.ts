// `tooltune projects create|list|show`: so a pipeline can start from an empty database, with the
// same functions the app's project pages use.
import { OUTPUT_STYLES, SPLITS, type Split } from "../lib/schemas/common";
import type { ProjectDto } from "../lib/schemas/project";
import type { ProjectStatsDto, RatioDto } from "../lib/schemas/stats";
import { db } from "../lib/server/db";
import { createProject, getProject, listProjects } from "../lib/server/projects/projects";
import { projectStats } from "../lib/server/stats";
import { helpFlag, projectId, type Command } from "./command";
import { oneOf, UsageError } from "./flags";

export const PROJECTS_SUMMARY = `  tooltune projects create NAME         create a project (--output-style router_json|native_tools); list; show P`;

const n = (x: number) => x.toLocaleString("en");
const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

async function create(name: string | undefined, v: Record<string, string | boolean | undefined>): Promise<number> {
  if (!name?.trim()) throw new UsageError('give the new project\'s name: tooltune projects create "My router"');
  const outputStyle = oneOf(v["output-style"] ?? "router_json", OUTPUT_STYLES, "--output-style");
  const existing = await db().project.findFirst({ where: { name: name.trim(), deletedAt: null }, select: { id: true } });
  if (existing && !v["exists-ok"]) {
    console.error(`tooltune projects create: a project named "${name.trim()}" already exists (id ${existing.id}); --exists-ok reuses it`);
    return 1;
  }
  const project = existing ? await getProject(existing.id) : await createProject({ name, outputStyle, description: String(v.description ?? "") });
  if (existing && v["output-style"] !== undefined && project.outputStyle !== outputStyle) {
    console.error(`tooltune projects create: "${project.name}" exists with output style ${project.outputStyle}, not ${outputStyle}`);
    return 1;
  }
  if (v.json) console.log(JSON.stringify(project, null, 2));
  else console.log(`${existing ? "exists" : "created"} project ${project.id} "${project.name}" (${project.outputStyle})`);
  return 0;
}

async function list(v: Record<string, string | boolean | undefined>): Promise<number> {
  const projects = await listProjects();
  if (v.json) {
    console.log(JSON.stringify(projects, null, 2));
    return 0;
  }
  if (projects.length === 0) {
    console.log('no projects yet: tooltune projects create "My router"');
    return 0;
  }
  const rows = projects.map((p) => [p.id, p.name, p.outputStyle, n(p.exampleCount), n(p.toolCount), p.createdAt.slice(0, 10)]);
  console.log(table([["id", "name", "output style", "examples", "tools", "created"], ...rows]));
  return 0;
}

function gaugeLine(r: RatioDto): string {
  const f = r.followUps;
  const followUps = f && f.decisions > 0 ? `; follow-ups apart: ${n(f.decisions)} (${n(f.answers)} answers, ${n(f.calls)} chained calls)` : "";
  return `no_tool ${pct(r.ratio)} of ${n(r.decisions)} labelled routing decisions (${r.band})${followUps}`;
}

export function formatProject(p: ProjectDto, stats: ProjectStatsDto, splits: Record<Split, number>): string {
  const t = stats.totals;
  const lines = [
    `${p.name} (${p.id})`,
    `  output style  ${p.outputStyle}, parallel tool calls ${p.parallelToolCalls ? "on" : "off"}, catalogue version ${p.catalogueVersion}`,
    ...(p.description ? [`  description   ${p.description}`] : []),
    `  examples      ${n(t.examples)}: ${n(t.labelled)} labelled, ${n(t.reviewed)} reviewed, ${n(t.draft)} draft, ${n(t.invalid)} invalid, ${n(t.unlabelled)} unlabelled`,
    `  gauge         ${gaugeLine(stats.overall)}`,
    ...(stats.overall.advice ? [`                ${stats.overall.advice}`] : []),
    `  splits`,
    ...SPLITS.map((s) => `    ${s.padEnd(11)} ${n(splits[s]).padStart(9)} examples   ${gaugeLine(stats.perSplit[s])}`),
    `  tools         ${stats.perTool.length === 0 ? "none yet (an import adds the tools its file declares)" : ""}`,
    ...stats.perTool.map((tool) => `    ${tool.name.padEnd(24)} ${n(tool.count).padStart(9)} labelled examples call it${tool.archived ? " (archived)" : ""}`),
  ];
  return lines.join("\n");
}

async function show(ref: string | undefined, v: Record<string, string | boolean | undefined>): Promise<number> {
  const id = await projectId({ ...v, project: ref ?? v.project });
  const [project, stats, groups] = await Promise.all([
    getProject(id),
    projectStats(id),
    db().example.groupBy({ by: ["split"], where: { projectId: id }, _count: { _all: true } }),
  ]);
  const splits = Object.fromEntries(SPLITS.map((s) => [s, groups.find((g) => g.split === s)?._count._all ?? 0])) as Record<Split, number>;
  if (v.json) console.log(JSON.stringify({ project, splits, stats }, null, 2));
  else console.log(formatProject(project, stats, splits));
  return 0;
}

export const projectsCmd: Command = {
  writes: (_v, [sub]) => sub === "create",
  options: {
    ...helpFlag,
    "output-style": { type: "string" },
    description: { type: "string" },
    "exists-ok": { type: "boolean", default: false },
    project: { type: "string" },
    json: { type: "boolean", default: false },
  },
  help: `tooltune projects create NAME [--output-style ${OUTPUT_STYLES.join("|")}] [--description TEXT] [--exists-ok] [--json]
tooltune projects list [--json]
tooltune projects show ID|NAME [--json]
  create   a new, empty project; prints its id. --output-style is how targets are written: router_json
           (default: {"tool": ..., "arguments": ...} as the assistant's content) or native_tools (OpenAI
           tool_calls). Exits 1 when the name is taken, unless --exists-ok (then it prints that project).
  list     every project: id, name, output style, examples, tools, creation date
  show     one project: example counts by review state, the no_tool gauge, examples and ratio per split,
           labelled examples per tool
  --json   the same as JSON (create and show: the project; show adds "splits" and "stats")`,
  async run(v, [sub, arg, ...extra]) {
    const action = oneOf(sub, ["create", "list", "show"] as const, "ACTION");
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" (quote a name that has spaces)`);
    if (action === "create") return create(arg, v);
    if (arg !== undefined && action === "list") throw new UsageError(`projects list takes no argument; got "${arg}"`);
    if (action === "list") return list(v);
    return show(arg, v);
  },
};
