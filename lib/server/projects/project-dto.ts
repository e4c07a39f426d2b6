import type { ProjectDto } from "../../schemas/project";
import type { OutputStyle } from "../../schemas/common";

export interface ProjectRow {
  id: string;
  name: string;
  description: string;
  outputStyle: string;
  parallelToolCalls: boolean;
  systemPromptOverride: string | null;
  catalogueVersion: number;
  revalidatingVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
  _count?: { examples: number; tools: number };
}

export const projectSelect = {
  id: true,
  name: true,
  description: true,
  outputStyle: true,
  parallelToolCalls: true,
  systemPromptOverride: true,
  catalogueVersion: true,
  revalidatingVersion: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { examples: true, tools: { where: { archived: false } } } },
} as const;

export function toProjectDto(p: ProjectRow): ProjectDto {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    outputStyle: p.outputStyle as OutputStyle,
    parallelToolCalls: p.parallelToolCalls,
    systemPromptOverride: p.systemPromptOverride,
    catalogueVersion: p.catalogueVersion,
    revalidatingVersion: p.revalidatingVersion,
    exampleCount: p._count?.examples ?? 0,
    toolCount: p._count?.tools ?? 0,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
