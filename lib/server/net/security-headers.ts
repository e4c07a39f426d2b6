// The headers every response carries (set by proxy.ts). Nothing is loaded from another origin, so
// the policy names only 'self'. Next.js's own inline scripts (the RSC payload, the bootstrap) carry
// the per-request nonce, which Next reads from the request's Content-Security-Policy header;
// 'strict-dynamic' lets those scripts load the page's chunks. 'unsafe-eval' is there because the
// browser validates tool schemas and arguments live with Ajv, which compiles each schema into a
// function (new Function); it lets running code eval, and lets no new script in. Styles: stylesheets are same-origin,
// and React and recharts set style="" attributes, which style-src-attr allows; no <style> element
// without the nonce runs. Pure: the unit tests read the policy as a browser would.

export interface HeaderOptions {
  nonce: string;
  /** The public URL is https: tell browsers to come back over https only. */
  https: boolean;
  /** next dev: the dev server injects <style> elements without the nonce. */
  dev: boolean;
}

/** A fresh nonce per request: 16 random bytes, base64. */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev }: Pick<HeaderOptions, "nonce" | "dev">): string {
  const directives: Record<string, string> = {
    "default-src": "'self'",
    "script-src": `'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`,
    "style-src": dev ? "'self' 'unsafe-inline'" : `'self' 'nonce-${nonce}'`,
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join("; ");
}

export function securityHeaders(opts: HeaderOptions): [string, string][] {
  const headers: [string, string][] = [
    ["Content-Security-Policy", contentSecurityPolicy(opts)],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "same-origin"],
    ["X-Frame-Options", "DENY"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
  ];
  if (opts.https) headers.push(["Strict-Transport-Security", "max-age=31536000"]);
  return headers;
}
