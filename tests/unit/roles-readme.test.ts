// The README's roles table is the documentation of lib/schemas/auth.ts ACTIONS: the two must agree.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTIONS, ROLES, allowedRoles, canAssignRole, roleAllows, type Action } from "@/lib/schemas/auth";

function readmeTable(): Map<string, string[]> {
  const rows = readFileSync("README.md", "utf8").split("\n").filter((l) => /^\| `[a-z.]+` \|/.test(l));
  return new Map(
    rows.map((l) => {
      const cells = l.split("|").slice(1, -1).map((c) => c.trim());
      return [cells[0].replace(/`/g, ""), ROLES.filter((_, i) => cells[2 + i] === "✓")];
    }),
  );
}

describe("roles", () => {
  it("lists every action in the README with exactly the roles the server allows", () => {
    const table = readmeTable();
    expect([...table.keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const action of Object.keys(ACTIONS) as Action[]) expect(table.get(action), action).toEqual(allowedRoles(action));
  });

  it("ranks roles: a viewer only reads, an editor curates and trains, an admin also manages, nobody without a role does anything", () => {
    expect(allowedRoles("read")).toEqual(["viewer", "editor", "admin", "owner"]);
    expect(roleAllows("viewer", "examples.write")).toBe(false);
    expect(roleAllows("editor", "runs.write")).toBe(true);
    expect(roleAllows("editor", "endpoints.write")).toBe(false);
    expect(roleAllows("admin", "members.manage")).toBe(true);
    expect(roleAllows(null, "read")).toBe(false);
  });

  it("lets only an owner hand out ownership", () => {
    expect(canAssignRole("admin", "editor")).toBe(true);
    expect(canAssignRole("admin", "owner")).toBe(false);
    expect(canAssignRole("owner", "owner")).toBe(true);
    expect(canAssignRole("editor", "viewer")).toBe(false);
  });
});
