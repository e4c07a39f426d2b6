// The demo projects a fresh install is seeded with.
import { customerSupport } from "./customer-support";
import { taskManagement } from "./task-management";
import type { SeedProject } from "./types";

export type { SeedExample, SeedProject, SeedTool } from "./types";

export const seedProjects: SeedProject[] = [customerSupport, taskManagement];
