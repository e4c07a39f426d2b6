// Requests to user-supplied URLs (saved endpoints) go through here. The address actually connected
// to is checked (in the socket's DNS lookup, so a name cannot resolve to a safe address when checked
// and to a metadata address when used): link-local and cloud-metadata addresses are refused always;
// loopback and private ranges only where TOOLTUNE_ALLOWED_HOSTS names them (a local vLLM or a LAN
// Ollama is a real use). Redirects are never followed.
import dns from "node:dns";
import { BlockList, isIP } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";

/** Never reachable from ToolTune, whatever the settings: link-local, cloud metadata, unspecified, multicast, reserved. */
const ALWAYS = new BlockList();
for (const [net, bits] of [["0.0.0.0", 8], ["169.254.0.0", 16], ["100.100.100.200", 32], ["224.0.0.0", 4], ["240.0.0.0", 4]] as const) ALWAYS.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::", 128], ["fe80::", 10], ["ff00::", 8], ["fd00:ec2::254", 128]] as const) ALWAYS.addSubnet(net, bits, "ipv6");

/** This machine and private networks: allowed only where the admin's allow-list names them. */
const INTERNAL = new BlockList();
for (const [net, bits] of [["127.0.0.0", 8], ["10.0.0.0", 8], ["172.16.0.0", 12], ["192.168.0.0", 16], ["100.64.0.0", 10], ["198.18.0.0", 15]] as const) INTERNAL.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::1", 128], ["fc00::", 7]] as const) INTERNAL.addSubnet(net, bits, "ipv6");

export const ALLOW_ENV = "TOOLTUNE_ALLOWED_HOSTS";

export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefused";
  }
}

interface AllowList {
  nets: BlockList;
  hosts: string[];
}

/** TOOLTUNE_ALLOWED_HOSTS: comma-separated IPs, CIDR ranges and host names (`*.lan` for a suffix). */
export function allowList(raw = process.env[ALLOW_ENV] ?? ""): AllowList {
  const nets = new BlockList();
  const hosts: string[] = [];
  for (const entry of raw.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const [addr, bits] = entry.split("/");
    const family = isIP(addr);
    if (family) nets.addSubnet(addr, bits === undefined ? (family === 4 ? 32 : 128) : Number(bits), family === 4 ? "ipv4" : "ipv6");
    else hosts.push(entry);
  }
  return { nets, hosts };
}

function hostAllowed(host: string, list: AllowList): boolean {
  const h = host.toLowerCase();
  return list.hosts.some((e) => (e.startsWith("*.") ? h.endsWith(e.slice(1)) : h === e));
}

/** Why a connection to `address` (for `host`) is refused, or null when it may go ahead. */
export function refusal(host: string, address: string, list = allowList()): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const type = isIP(ip) === 6 ? "ipv6" : "ipv4";
  if (ALWAYS.check(ip, type)) return `${host} resolves to ${ip}, a link-local, metadata or reserved address; ToolTune never sends requests there`;
  if (INTERNAL.check(ip, type) && !list.nets.check(ip, type) && !hostAllowed(host, list)) {
    return `${host} resolves to ${ip}, an address on this machine or a private network; to use a server there (a local vLLM or Ollama), add it to ${ALLOW_ENV} (for example ${ALLOW_ENV}=${ip}), then restart ToolTune`;
  }
  return null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** The addresses of a name that the policy allows, or the reason none is (a name may resolve to both ::1 and 127.0.0.1). */
export function allowedAddresses<T extends { address: string }>(host: string, addresses: T[]): T[] | string {
  const allowed = addresses.filter((a) => refusal(host, a.address) === null);
  return allowed.length > 0 ? allowed : (refusal(host, addresses[0]?.address ?? "") ?? `${host} has no address`);
}

/** The socket's own lookup: only addresses the policy allows are handed to the connection. */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback) {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const allowed = allowedAddresses(hostname, addresses);
    if (typeof allowed === "string") return callback(Object.assign(new OutboundRefused(allowed), { code: "EREFUSEDBYPOLICY" }), "");
    if (options.all) return callback(null, allowed);
    callback(null, allowed[0].address, allowed[0].family);
  });
}

let agent: Agent | null = null;
function dispatcher(): Agent {
  agent ??= new Agent({ connect: { lookup: guardedLookup as never } });
  return agent;
}

/** Checks what can be checked without connecting: the scheme, credentials and a literal IP address. */
export function checkUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new OutboundRefused(`${url} is not a URL`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new OutboundRefused(`only http and https URLs are allowed, not ${u.protocol}`);
  if (u.username || u.password) throw new OutboundRefused("the URL carries a user name or password; put the key in the API key field instead");
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const why = refusal(host, host);
    if (why) throw new OutboundRefused(why);
  }
}

/** Resolves a URL's host now and says why it would be refused (for a clear error when an endpoint is saved). */
export async function checkUrlResolved(url: string): Promise<string | null> {
  try {
    checkUrl(url);
  } catch (e) {
    return (e as Error).message;
  }
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return null;
  try {
    const allowed = allowedAddresses(host, await dns.promises.lookup(host, { all: true }));
    if (typeof allowed === "string") return allowed;
  } catch {
    // Not resolvable now (a GPU box that is off): the request itself is checked again when it is made.
  }
  return null;
}

/** A fetch for the OpenAI SDK: the policy above, no redirects followed. */
export const guardedFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  checkUrl(url);
  const res = await undiciFetch(url, { ...(init as object), redirect: "manual", dispatcher: dispatcher() } as never);
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel().catch(() => {});
    throw new OutboundRefused(`the server answered with a redirect (${res.status}); ToolTune does not follow redirects: use the final URL as the base URL`);
  }
  return res as unknown as Response;
}) as typeof fetch;

/** A remote's error text as ToolTune shows it: at most a few hundred characters, never an HTML page. */
export function remoteText(text: string, max = 300): string {
  const looksHtml = /<\s*(!doctype|html|head|body|script|div|p|h1|title)\b/i.test(text);
  const plain = (looksHtml ? "an HTML page (not shown)" : text).replace(/\s+/g, " ").trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
