// Seeds the demo projects on a fresh install (no projects yet). `npm run db:seed -- --force` adds them anyway.
// Goes through the same server functions as the API, so seeded data is validated like typed-in data.
import "dotenv/config";
import { seedProjects } from "./seed-data";
import { db, disconnectDb } from "../lib/server/db";
import { resolveAuthor } from "../lib/server/authors";
import { createProject, updateProject } from "../lib/server/projects/projects";
import { createTool } from "../lib/server/tools/tools";
import { createExample } from "../lib/server/examples/examples";

export async function seed(opts: { force?: boolean } = {}): Promise<number> {
  const existing = await db().project.count();
  if (existing > 0 && !opts.force) return 0;
  const author = await resolveAuthor("ToolTune demo");
  for (const p of seedProjects) {
    const project = await createProject({ name: p.name, description: p.description, outputStyle: p.outputStyle });
    if (p.parallelToolCalls) await updateProject(project.id, { parallelToolCalls: true });
    for (const t of p.tools) await createTool(project.id, t, author);
    for (const e of p.examples) {
      await createExample(project.id, { messages: e.messages, split: e.split ?? "unassigned", tags: e.tags ?? [] }, author, "seed");
    }
  }
  return seedProjects.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seed({ force: process.argv.includes("--force") })
    .then((n) => console.log(n > 0 ? `seeded ${n} demo projects` : "projects exist already; not seeding (use --force)"))
    .catch((e) => {
      console.error("seed failed:", e);
      process.exitCode = 1;
    })
    .finally(() => disconnectDb());
}
