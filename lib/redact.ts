// Credentials never appear where a URL is shown or logged: the user name and password of a URL
// (redis://:secret@host, postgresql://user:secret@host, https://user:key@host) become "***".
// Pure and client-safe.

const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]*@)/gi;

/** The URL with any user name and password replaced by "***"; text that is not a URL is returned as is. */
export function redactUrl(url: string): string {
  return redactSecrets(url);
}

/** Every URL inside a text with its credentials replaced, so messages and logs can carry URLs safely. */
export function redactSecrets(text: string): string {
  return text.replace(URL_IN_TEXT, (_m, scheme: string) => `${scheme}***@`);
}

/** True when a URL carries a user name or password. */
export function hasCredentials(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== "" || u.password !== "";
  } catch {
    return false;
  }
}
