import { describe, expect, it } from "vitest";
import { seedProjects, type SeedProject } from "../../prisma/seed-data";
import { SPLITS } from "../../lib/schemas/common";
import {
  messagesSchema,
  type AssistantMessage,
  type Message,
} from "../../lib/schemas/example";
import { toolNameSchema } from "../../lib/schemas/tool";
import { validateMessages } from "../../lib/validation/example";
import { checkToolSchema } from "../../lib/validation/tool-schema";

const REASON_KINDS = {
  greeting: /^greeting\b/,
  "information request": /^info(rmation)? request\b/,
  underspecified: /^underspecified: need [a-z_]+/,
  "out of scope": /^out of scope\b/,
} as const;

function target(messages: readonly Message[]): AssistantMessage {
  const last = messages.at(-1);
  if (last?.role !== "assistant")
    throw new Error("example does not end with an assistant target");
  return last;
}

function finalRequest(messages: readonly Message[]): string {
  const lastUser = messages.filter((m) => m.role === "user").at(-1);
  return lastUser && lastUser.role === "user"
    ? lastUser.content.trim().toLowerCase().replace(/\s+/g, " ")
    : "";
}

function noToolReasons(project: SeedProject): string[] {
  return project.examples.flatMap(({ messages }) => {
    const d = target(messages).decision;
    return d.kind === "no_tool" ? [d.reason] : [];
  });
}

function argumentNames(project: SeedProject): Set<string> {
  return new Set(
    project.tools.flatMap((t) =>
      Object.keys((t.parameters.properties ?? {}) as Record<string, unknown>),
    ),
  );
}

const label = (project: SeedProject, i: number) =>
  `${project.name}, example ${i + 1} ("${finalRequest(project.examples[i].messages)}")`;

describe.each(seedProjects.map((p) => [p.name, p] as const))(
  "seed project %s",
  (_name, project) => {
    const catalogue = {
      tools: project.tools.map((t) => ({ ...t, archived: false })),
      parallelToolCalls: project.parallelToolCalls,
    };

    it("has at least 60 examples", () => {
      expect(project.examples.length).toBeGreaterThanOrEqual(60);
    });

    it("has tools whose names are valid and whose parameter schemas can be saved", () => {
      expect(project.tools.length).toBeGreaterThan(0);
      for (const tool of project.tools) {
        expect(
          toolNameSchema.safeParse(tool.name).success,
          `tool name ${tool.name}`,
        ).toBe(true);
        expect(tool.description.trim(), `description of ${tool.name}`).not.toBe(
          "",
        );
        expect(
          checkToolSchema(tool.parameters),
          `schema issues of ${tool.name}`,
        ).toEqual([]);
        expect(
          tool.parameters,
          `${tool.name} must reject unknown arguments`,
        ).toMatchObject({ type: "object", additionalProperties: false });
      }
      expect(new Set(project.tools.map((t) => t.name)).size).toBe(
        project.tools.length,
      );
    });

    it("has examples that parse and validate against the catalogue with no issues", () => {
      const problems: string[] = [];
      project.examples.forEach((ex, i) => {
        const parsed = messagesSchema.safeParse(ex.messages);
        if (!parsed.success) {
          problems.push(
            `${label(project, i)}: does not parse: ${JSON.stringify(parsed.error.issues)}`,
          );
          return;
        }
        const issues = validateMessages(parsed.data, catalogue);
        if (issues.length > 0)
          problems.push(`${label(project, i)}: ${JSON.stringify(issues)}`);
      });
      expect(problems).toEqual([]);
    });

    it("ends every example with a labelled assistant target and starts it with a user turn", () => {
      for (const [i, ex] of project.examples.entries()) {
        expect(ex.messages[0].role, label(project, i)).toBe("user");
        expect(target(ex.messages).decision.kind, label(project, i)).not.toBe(
          "unlabelled",
        );
        expect(
          ex.messages.some((m) => m.role === "assistant" && m.weight !== 1),
          label(project, i),
        ).toBe(false);
      }
    });

    it("keeps the no_tool share of final decisions inside the recommended 10-20% band", () => {
      const share = noToolReasons(project).length / project.examples.length;
      expect(share).toBeGreaterThanOrEqual(0.1);
      expect(share).toBeLessThanOrEqual(0.2);
    });

    it("keeps the no_tool share inside the band when every assistant turn is counted", () => {
      const turns = project.examples.flatMap((ex) =>
        ex.messages.filter(
          (m): m is AssistantMessage => m.role === "assistant",
        ),
      );
      const share =
        turns.filter((m) => m.decision.kind === "no_tool").length /
        turns.length;
      expect(share).toBeGreaterThanOrEqual(0.1);
      expect(share).toBeLessThanOrEqual(0.2);
    });

    it("covers every kind of no_tool reason, and gives no other kind", () => {
      const reasons = noToolReasons(project);
      for (const [kind, pattern] of Object.entries(REASON_KINDS)) {
        expect(
          reasons.some((r) => pattern.test(r)),
          `no final no_tool with a "${kind}" reason`,
        ).toBe(true);
      }
      const allReasons = project.examples.flatMap((ex) =>
        ex.messages.flatMap((m) =>
          m.role === "assistant" && m.decision.kind === "no_tool"
            ? [m.decision.reason]
            : [],
        ),
      );
      expect(
        allReasons.filter(
          (r) => !Object.values(REASON_KINDS).some((p) => p.test(r)),
        ),
      ).toEqual([]);
    });

    it("names a real argument in every underspecified reason", () => {
      const known = argumentNames(project);
      const named = project.examples.flatMap((ex) =>
        ex.messages.flatMap((m) => {
          if (m.role !== "assistant" || m.decision.kind !== "no_tool")
            return [];
          const match = /^underspecified: need ([a-z_]+)/.exec(
            m.decision.reason,
          );
          return match ? [match[1]] : [];
        }),
      );
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((n) => !known.has(n))).toEqual([]);
    });

    it("gives every no_tool target a visible reply", () => {
      for (const [i, ex] of project.examples.entries()) {
        for (const m of ex.messages) {
          if (m.role === "assistant" && m.decision.kind === "no_tool")
            expect((m.content ?? "").trim(), label(project, i)).not.toBe("");
        }
      }
    });

    it("never repeats a final user request", () => {
      const seen = new Map<string, number>();
      const duplicates: string[] = [];
      project.examples.forEach((ex, i) => {
        const key = finalRequest(ex.messages);
        if (seen.has(key))
          duplicates.push(
            `"${key}" (examples ${seen.get(key)! + 1} and ${i + 1})`,
          );
        else seen.set(key, i);
      });
      expect(duplicates).toEqual([]);
    });

    it("only uses ids that appear earlier in the conversation", () => {
      const invented: string[] = [];
      project.examples.forEach((ex, i) => {
        ex.messages.forEach((m, j) => {
          if (m.role !== "assistant" || m.decision.kind !== "tool_calls")
            return;
          const before = ex.messages
            .slice(0, j)
            .map((p) =>
              p.role === "user" || p.role === "tool" ? p.content : "",
            )
            .join(" ");
          for (const c of m.decision.calls) {
            for (const [key, value] of Object.entries(c.arguments)) {
              if (!key.endsWith("_id")) continue;
              const digits = String(value).replace(/\D/g, "");
              if (!new RegExp(`(^|\\D)${digits}(\\D|$)`).test(before))
                invented.push(
                  `${label(project, i)}: ${c.name}.${key} = ${String(value)}`,
                );
            }
          }
        });
      });
      expect(invented).toEqual([]);
    });

    it("splits examples roughly 70/15/15 with no_tool targets in every split", () => {
      const count = (split: string) =>
        project.examples.filter((ex) => (ex.split ?? "unassigned") === split)
          .length;
      const assigned = project.examples.length - count("unassigned");
      expect(count("unassigned")).toBeLessThanOrEqual(6);
      expect(count("train") / assigned).toBeGreaterThan(0.65);
      expect(count("train") / assigned).toBeLessThan(0.75);
      for (const split of ["validation", "gold"] as const) {
        expect(count(split) / assigned, split).toBeGreaterThan(0.12);
        expect(count(split) / assigned, split).toBeLessThan(0.18);
      }
      for (const split of ["train", "validation", "gold"] as const) {
        const noTool = project.examples.filter(
          (ex) =>
            ex.split === split &&
            target(ex.messages).decision.kind === "no_tool",
        );
        expect(noTool.length, `no_tool targets in ${split}`).toBeGreaterThan(0);
      }
      expect(
        project.examples.every((ex) =>
          (SPLITS as readonly string[]).includes(ex.split ?? "unassigned"),
        ),
      ).toBe(true);
    });

    it(
      project.parallelToolCalls
        ? "has at least three targets with several calls, since parallel calls are on"
        : "has no target with several calls, since parallel calls are off",
      () => {
        const multi = project.examples.filter((ex) => {
          const d = target(ex.messages).decision;
          return d.kind === "tool_calls" && d.calls.length > 1;
        });
        if (project.parallelToolCalls)
          expect(multi.length).toBeGreaterThanOrEqual(3);
        else expect(multi).toEqual([]);
      },
    );

    it("calls every tool in at least one target", () => {
      const called = new Set(
        project.examples.flatMap((ex) => {
          const d = target(ex.messages).decision;
          return d.kind === "tool_calls" ? d.calls.map((c) => c.name) : [];
        }),
      );
      expect(
        project.tools.map((t) => t.name).filter((n) => !called.has(n)),
      ).toEqual([]);
    });
  },
);

describe("seed projects", () => {
  it("have distinct names", () => {
    expect(new Set(seedProjects.map((p) => p.name)).size).toBe(
      seedProjects.length,
    );
  });
});
