// Members are users with a role. Removing one keeps the user row (their revisions and catalogue
// versions keep pointing at it, by name) but ends their sessions, revokes their API tokens, drops their password and frees
// their address for a new invitation. There is always at least one owner.
import { canAssignRole, type MemberDto, type Role } from "../../schemas/auth";
import { db } from "../db";
import { AppError } from "../errors";
import { noteAudit } from "../audit/context";
import type { Principal } from "./principal";

export async function listMembers(): Promise<MemberDto[]> {
  const rows = await db().user.findMany({ where: { role: { not: null } }, orderBy: { createdAt: "asc" }, take: 1000 });
  return rows.map((u) => ({ id: u.id, name: u.name, email: u.email ?? "", role: u.role as Role, createdAt: u.createdAt.toISOString() }));
}

async function requireMember(id: string) {
  const u = await db().user.findUnique({ where: { id } });
  if (!u || !u.role) throw new AppError("not_found", `member "${id}" does not exist`);
  return { ...u, role: u.role as Role };
}

async function assertNotLastOwner(target: { id: string; role: Role }) {
  if (target.role !== "owner") return;
  const owners = await db().user.count({ where: { role: "owner" } });
  if (owners <= 1) throw new AppError("conflict", "this is the only owner: make someone else owner first");
}

export async function changeRole(who: Principal, id: string, role: Role): Promise<MemberDto> {
  const target = await requireMember(id);
  if (!who.role || !canAssignRole(who.role, role) || !canAssignRole(who.role, target.role)) {
    throw new AppError("forbidden", "only an owner can make someone owner or change an owner's role", { field: "role" });
  }
  if (role !== "owner") await assertNotLastOwner(target);
  const u = await db().user.update({ where: { id }, data: { role } });
  noteAudit({ target: { type: "user", id, label: target.email }, detail: { from: target.role, to: role } });
  return { id: u.id, name: u.name, email: u.email ?? "", role, createdAt: u.createdAt.toISOString() };
}

export async function removeMember(who: Principal, id: string): Promise<void> {
  const target = await requireMember(id);
  if (!who.role || !canAssignRole(who.role, target.role)) throw new AppError("forbidden", "only an owner can remove an owner");
  await assertNotLastOwner(target);
  await db().$transaction([
    db().session.deleteMany({ where: { userId: id } }),
    db().account.deleteMany({ where: { userId: id } }),
    db().apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } }),
    db().user.update({ where: { id }, data: { role: null, email: null } }),
  ]);
  noteAudit({ target: { type: "user", id, label: target.email }, detail: { role: target.role } });
}
