// Which requests the app answers at all (run by proxy.ts before every route and page).
// - Host: only the public address (TOOLTUNE_URL, plus TOOLTUNE_ALLOWED_ORIGINS) or a loopback name on
//   the served port. A web page that rebinds its own DNS name to this machine (DNS rebinding) still
//   sends its own name as Host, so it is refused before any route runs. A loopback Host is always
//   accepted: a browser cannot be made to send one for another site, and local scripts, health
//   checks and a reverse proxy on this machine use it.
// - Origin: a state-changing request (anything but GET, HEAD, OPTIONS) from a browser must come from
//   one of those same origins (CSRF). A request with no Origin passes only when the browser did not
//   say it is cross-site (Sec-Fetch-Site); curl, scripts and the CLI send neither header.
// Pure and dependency-free: proxy.ts bundles it, and the unit tests call it with plain values.

export const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"] as const;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const DEFAULT_PORT: Record<string, string> = { "http:": "80", "https:": "443" };

export interface GuardEnv {
  TOOLTUNE_URL?: string;
  TOOLTUNE_ALLOWED_ORIGINS?: string;
  /** The port the app is served on (next start sets it); loopback names are accepted on it. */
  PORT?: string;
}

export interface GuardConfig {
  /** Origins whose pages may send state-changing requests, e.g. "https://tooltune.example.com". */
  origins: Set<string>;
  /** Host header values the app answers to (lowercase, with and without a default port). */
  hosts: Set<string>;
  /** The public URL is https: browsers get Strict-Transport-Security. */
  https: boolean;
}

export interface GuardRequest {
  method: string;
  host: string | null;
  origin: string | null;
  secFetchSite: string | null;
}

export interface Refusal {
  status: 421 | 403;
  code: "unknown_host" | "cross_origin";
  message: string;
}

/** An origin as browsers send it ("https://a.example:8443"), from a URL setting; throws naming the setting. */
export function parseOrigin(value: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${setting}: "${value}" is not a URL; write it as the browser shows it, e.g. https://tooltune.example.com`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`${setting}: "${value}" must start with https:// or http://`);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    throw new Error(`${setting}: "${value}" must be an origin only (scheme, host and port), without a path, query or credentials`);
  }
  return url;
}

function addHost(hosts: Set<string>, hostname: string, port: string, protocol: string) {
  const name = hostname.toLowerCase();
  hosts.add(port ? `${name}:${port}` : name);
  const fallback = DEFAULT_PORT[protocol];
  if (!port || port === fallback) {
    hosts.add(name);
    hosts.add(`${name}:${fallback}`);
  }
}

/** Reads the settings once; throws with the setting's name when one is malformed. */
export function guardConfig(env: GuardEnv): GuardConfig {
  const origins = new Set<string>();
  const hosts = new Set<string>();
  const urls: URL[] = [];
  if (env.TOOLTUNE_URL?.trim()) urls.push(parseOrigin(env.TOOLTUNE_URL, "TOOLTUNE_URL"));
  for (const part of (env.TOOLTUNE_ALLOWED_ORIGINS ?? "").split(",")) {
    if (part.trim()) urls.push(parseOrigin(part, "TOOLTUNE_ALLOWED_ORIGINS"));
  }
  for (const url of urls) {
    origins.add(url.origin);
    addHost(hosts, url.hostname, url.port, url.protocol);
  }
  const port = env.PORT?.trim() || "3000";
  for (const name of LOOPBACK_NAMES) {
    origins.add(new URL(`http://${name}:${port}`).origin);
    addHost(hosts, name, port === "80" ? "" : port, "http:");
  }
  return { origins, hosts, https: urls[0]?.protocol === "https:" };
}

/** A Host header made only of a name or address and a port; anything else (user@, paths, spaces) is refused. */
const HOST_SHAPE = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** null when the request may go on; otherwise the status and a message saying why. */
export function checkRequest(req: GuardRequest, cfg: GuardConfig): Refusal | null {
  const host = (req.host ?? "")
    .trim()
    .toLowerCase()
    .replace(/\.(?=:|$)/, "");
  if (!HOST_SHAPE.test(host) || !cfg.hosts.has(host)) {
    return {
      status: 421,
      code: "unknown_host",
      message: `this server does not answer to the Host "${(req.host ?? "").slice(0, 100)}"; if people reach it by that name, set TOOLTUNE_URL (or add it to TOOLTUNE_ALLOWED_ORIGINS)`,
    };
  }
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  if (req.origin !== null) {
    if (cfg.origins.has(normalOrigin(req.origin))) return null;
    return {
      status: 403,
      code: "cross_origin",
      message: `a ${req.method.toUpperCase()} from another site is refused: Origin "${req.origin.slice(0, 100)}" is not this app's address (TOOLTUNE_URL)`,
    };
  }
  const site = (req.secFetchSite ?? "").toLowerCase();
  if (site === "cross-site" || site === "same-site") {
    return {
      status: 403,
      code: "cross_origin",
      message: `a ${req.method.toUpperCase()} from another site is refused (Sec-Fetch-Site: ${site})`,
    };
  }
  return null;
}

function normalOrigin(origin: string): string {
  try {
    const url = new URL(origin);
    return url.origin === "null" ? "" : url.origin;
  } catch {
    return "";
  }
}
