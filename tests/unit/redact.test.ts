import { describe, expect, it } from "vitest";
import { hasCredentials, redactSecrets, redactUrl } from "@/lib/redact";

describe("credentials in URLs", () => {
  it("replaces the user name and password of any scheme's URL", () => {
    expect(redactUrl("redis://:s3cret@10.0.0.2:6379/0")).toBe("redis://***@10.0.0.2:6379/0");
    expect(redactUrl("postgresql://tooltune:pa55@db:5432/tooltune")).toBe("postgresql://***@db:5432/tooltune");
    expect(redactUrl("https://user:key@api.example.com/v1")).toBe("https://***@api.example.com/v1");
  });
  it("leaves URLs without credentials, and an @ later in the URL, alone", () => {
    expect(redactUrl("http://127.0.0.1:8000/v1")).toBe("http://127.0.0.1:8000/v1");
    expect(redactUrl("https://host/v1/models/a@b")).toBe("https://host/v1/models/a@b");
    expect(redactUrl("file:./data/tooltune.db")).toBe("file:./data/tooltune.db");
  });
  it("finds every URL inside a message", () => {
    expect(redactSecrets("cannot reach redis://:pw@h:1 or postgresql://u:p@h/db (ECONNREFUSED)")).toBe("cannot reach redis://***@h:1 or postgresql://***@h/db (ECONNREFUSED)");
  });
  it("says whether a URL carries credentials", () => {
    expect(hasCredentials("http://u:p@h/v1")).toBe(true);
    expect(hasCredentials("http://u@h/v1")).toBe(true);
    expect(hasCredentials("http://h/v1")).toBe(false);
    expect(hasCredentials("not a url")).toBe(false);
  });
});
