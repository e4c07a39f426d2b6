// For server components: the signed-in member, or a redirect to /sign-in (to /setup on a fresh
// install). Pages show what the role may do; the API checks again on every request.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { roleAllows, type Action } from "../../schemas/auth";
import { memberCount } from "./invites";
import { principalFrom, type Principal } from "./principal";

export async function requireSignedIn(action: Action = "read"): Promise<Principal> {
  const who = await principalFrom(await headers());
  if (!who) redirect((await memberCount()) === 0 ? "/setup" : "/sign-in");
  if (!roleAllows(who.role, action)) redirect("/");
  return who;
}
