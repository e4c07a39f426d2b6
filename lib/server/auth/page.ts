// For server components: the signed-in member, or a redirect to /sign-in (to /setup on a fresh
// install). Pages show what the role may do; the API checks again on every request.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { PATH_HEADER, roleAllows, safeNextPath, type Action } from "../../schemas/auth";
import { memberCount } from "./invites";
import { sessionFrom, type SessionPrincipal } from "./principal";

export async function requireSignedIn(action: Action = "read"): Promise<SessionPrincipal> {
  const h = await headers();
  const who = await sessionFrom(h);
  if (!who) {
    if ((await memberCount()) === 0) redirect("/setup");
    const back = safeNextPath(h.get(PATH_HEADER));
    redirect(back === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(back)}`);
  }
  if (!roleAllows(who.role, action)) redirect("/");
  return who;
}
