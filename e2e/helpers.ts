import { readFileSync } from "node:fs";
import { request as playwrightRequest, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

export const SHOTS = "test-results/screens";
export const PASSWORD = "e2e password 0123456789";
export const BASE_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3107)}`;
export type Role = "owner" | "admin" | "editor" | "viewer";

/** A browser sends Origin with every write; API calls made from a test do the same. */
const ORIGIN = { origin: BASE_URL };

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
export const emailOf = (name: string, role: Role) => `${slug(name)}.${role}@e2e.test`;

/** Signs `api` in as the owner, making the owner from the setup link scripts/e2e-server.sh wrote, the first time. */
async function ownerApi(): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const email = emailOf("Olivia Owner", "owner");
  const signIn = await api.post("/api/auth/sign-in/email", { headers: ORIGIN, data: { email, password: PASSWORD } });
  if (signIn.ok()) return api;
  const token = new URL(readFileSync("data/e2e-setup-url.txt", "utf8").trim()).searchParams.get("token");
  const made = await api.post("/api/invites/accept", { headers: ORIGIN, data: { token, name: "Olivia Owner", email, password: PASSWORD } });
  if (!made.ok()) throw new Error(`the setup link did not make the owner: ${made.status()} ${await made.text()}`);
  return api;
}

/** Signs an API request context (a browser context's `request` shares its cookies) in as `name` with `role`. */
async function signInAs(req: APIRequestContext, name: string, role: Role) {
  const email = emailOf(name, role);
  const signIn = () => req.post("/api/auth/sign-in/email", { headers: ORIGIN, data: { email, password: PASSWORD } });
  if ((await signIn()).ok()) return;
  const owner = await ownerApi();
  try {
    if (email === emailOf("Olivia Owner", "owner")) {
      if (!(await signIn()).ok()) throw new Error("the owner cannot sign in");
      return;
    }
    const invite = await owner.post("/api/invites", { headers: ORIGIN, data: { email, role } });
    if (!invite.ok()) throw new Error(`inviting ${email}: ${invite.status()} ${await invite.text()}`);
    const token = new URL((await invite.json()).url).searchParams.get("token");
    const joined = await req.post("/api/invites/accept", { headers: ORIGIN, data: { token, name, email, password: PASSWORD } });
    if (!joined.ok()) throw new Error(`accepting the invite for ${email}: ${joined.status()} ${await joined.text()}`);
  } finally {
    await owner.dispose();
  }
}

/**
 * Signs a browser context in as the member `name` with `role` (owner by default), inviting them
 * through the owner the first time, as people join. The context's pages and `context.request` share
 * the session cookie.
 */
export async function actAs(context: BrowserContext, name: string, role: Role = "owner") {
  await signInAs(context.request, name, role);
}

/** A Cookie header with a session of `name`, for raw HTTP requests. */
export async function sessionCookieOf(name: string, role: Role = "owner"): Promise<string> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  try {
    await signInAs(api, name, role);
    return (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await api.dispose();
  }
}

/** JSON requests as the context's member, with the Origin a browser sends. */
export function apiAs(context: BrowserContext) {
  return {
    get: (path: string) => context.request.get(path),
    post: (path: string, data: unknown) => context.request.post(path, { headers: ORIGIN, data }),
    put: (path: string, data: unknown) => context.request.put(path, { headers: ORIGIN, data }),
  };
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
