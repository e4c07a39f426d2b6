// Network safety against the real server (scripts/e2e-server.sh, TOOLTUNE_URL unset: loopback only).
// Raw HTTP requests set the Host and Origin a rebinding page or a cross-site form would send; the
// browser part opens every page and checks that the Content-Security-Policy lets it render and
// hydrate without a single violation.
import { expect, test, type Page } from "@playwright/test";
import http from "node:http";
import { actAs, sessionCookieOf } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3107);
const SELF = `http://127.0.0.1:${PORT}`;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with exactly these headers (fetch would not let a test choose Host). */
function send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        method,
        path,
        headers: { ...(data ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(data)) } : {}), ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

// A signed-in member's session: the API and the pages need one (without it: 401, or a redirect to /sign-in).
const author: Record<string, string> = {};
test.beforeAll(async () => {
  author.cookie = await sessionCookieOf("Net Check");
});
const projectNames = async () =>
  (JSON.parse((await send("GET", "/api/projects", { host: `127.0.0.1:${PORT}`, ...author })).body) as { name: string }[]).map((p) => p.name);

test("refuses a request whose Host is another name (DNS rebinding), on the API and on pages", async () => {
  const api = await send("GET", "/api/projects", { host: `rebind.attacker.example:${PORT}` });
  expect(api.status).toBe(421);
  expect(JSON.parse(api.body).error.code).toBe("unknown_host");
  expect(api.body).not.toContain("Customer support router");
  const page = await send("GET", "/", { host: `rebind.attacker.example:${PORT}` });
  expect(page.status).toBe(421);
  expect(page.body).toMatch(/refused/);
  expect((await send("GET", "/api/projects", { host: `localhost:${PORT}`, ...author })).status).toBe(200);
});

test("refuses a POST from another origin and changes nothing; its own origin and scripts may write", async () => {
  const name = `CSRF probe ${Date.now()}`;
  const foreign = await send(
    "POST",
    "/api/projects",
    { host: `127.0.0.1:${PORT}`, origin: "https://attacker.example", ...author },
    { name },
  );
  expect(foreign.status).toBe(403);
  expect(JSON.parse(foreign.body).error.code).toBe("cross_origin");
  const marked = await send("POST", "/api/projects", { host: `127.0.0.1:${PORT}`, "sec-fetch-site": "cross-site", ...author }, { name });
  expect(marked.status).toBe(403);
  expect(await projectNames()).not.toContain(name);

  const own = await send("POST", "/api/projects", { host: `127.0.0.1:${PORT}`, origin: SELF, ...author }, { name });
  expect(own.status).toBe(201);
  const script = await send("POST", "/api/projects", { host: `127.0.0.1:${PORT}`, ...author }, { name: `${name} (script)` });
  expect(script.status).toBe(201);
  expect(await projectNames()).toEqual(expect.arrayContaining([name, `${name} (script)`]));
});

test("sends the security headers on pages, API answers and static files", async () => {
  const home = await send("GET", "/", { host: `127.0.0.1:${PORT}`, ...author });
  expect(home.status).toBe(200);
  const csp = String(home.headers["content-security-policy"]);
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  // Next put the request's nonce on its own inline scripts.
  expect(home.body).toContain(`nonce="${nonce}"`);
  const script = home.body.match(/<script\b[^>]*>/g) ?? [];
  expect(script.length).toBeGreaterThan(0);
  for (const tag of script) expect(tag).toContain(`nonce="${nonce}"`);

  const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(home.body)?.[1];
  for (const path of ["/", "/api/health", chunk!]) {
    const r = await send("GET", path, { host: `127.0.0.1:${PORT}`, ...author });
    expect(r.status, path).toBe(200);
    expect(r.headers["content-security-policy"], path).toMatch(/default-src 'self'/);
    expect(r.headers["x-content-type-options"], path).toBe("nosniff");
    expect(r.headers["x-frame-options"], path).toBe("DENY");
    expect(r.headers["referrer-policy"], path).toBe("same-origin");
    expect(r.headers["strict-transport-security"], path).toBeUndefined(); // TOOLTUNE_URL is not https here
  }
  expect((await send("GET", "/", { host: `127.0.0.1:${PORT}`, ...author })).headers["content-security-policy"]).not.toBe(csp);
});

/** Opens a page and waits until React has hydrated it; returns the CSP violations the browser reported. */
async function visit(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__reactFiber"))), {
      message: `${path} hydrates`,
    })
    .toBe(true);
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.splice(0));
}

test("every page renders and hydrates under the policy with no CSP violation", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await context.addInitScript(() => {
    const list: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
    document.addEventListener("securitypolicyviolation", (e) =>
      list.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const consoleCsp: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
  });

  const projects = JSON.parse((await send("GET", "/api/projects", { host: `127.0.0.1:${PORT}`, ...author })).body) as { id: string; name: string }[];
  const demo = projects.find((p) => p.name === "Customer support router");
  expect(demo, "the demo project is seeded").toBeTruthy();
  const base = `/projects/${demo!.id}`;
  const paths = [
    "/",
    "/endpoints",
    "/trash",
    "/members",
    "/account",
    base,
    `${base}/catalogue`,
    `${base}/examples`,
    `${base}/examples/new`,
    `${base}/data`,
    `${base}/runs`,
    `${base}/runs/new`,
    `${base}/evals`,
    `${base}/settings`,
    `${base}/playground`,
  ];
  for (const runs of projects.map((p) => p.id)) {
    const list = JSON.parse((await send("GET", `/api/projects/${runs}/runs`, { host: `127.0.0.1:${PORT}`, ...author })).body) as { id: string }[];
    if (Array.isArray(list) && list.length > 0) {
      paths.push(`/projects/${runs}/runs/${list[0].id}`); // a run page draws the loss chart (recharts)
      break;
    }
  }
  const violations: Record<string, string[]> = {};
  for (const path of paths) {
    const seen = await visit(page, path);
    if (seen.length > 0) violations[path] = seen;
  }
  expect(violations).toEqual({});
  expect(consoleCsp).toEqual([]);
  // Hydrated means working: the home page's list comes from the API through React Query.
  await page.goto("/");
  await expect(page.getByText("Customer support router")).toBeVisible();
});
