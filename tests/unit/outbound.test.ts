// Which addresses a saved endpoint may reach: metadata and link-local never; this machine and
// private networks only where the admin's allow-list names them.
import { describe, expect, it } from "vitest";
import { allowList, allowedAddresses, checkUrl, refusal, remoteText } from "@/lib/server/net/outbound";

const none = allowList("");

describe("the outbound policy", () => {
  it("refuses cloud metadata and link-local addresses even when the allow-list names them", () => {
    const all = allowList("169.254.0.0/16,fe80::/10,metadata.google.internal");
    for (const ip of ["169.254.169.254", "169.254.0.1", "fe80::1", "fd00:ec2::254", "100.100.100.200", "0.0.0.0", "::ffff:169.254.169.254"]) {
      expect(refusal("metadata.google.internal", ip, all), ip).toMatch(/link-local, metadata or reserved/);
    }
  });

  it("refuses loopback and private ranges unless allowed, and says which setting allows them", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.20.0.5", "192.168.1.10", "::1", "fd12::1", "::ffff:10.0.0.1", "100.64.0.1"]) {
      expect(refusal("gpu-box", ip, none), ip).toMatch(/TOOLTUNE_ALLOWED_HOSTS/);
    }
    expect(refusal("gpu-box", "192.168.1.10", allowList("192.168.1.0/24"))).toBeNull();
    expect(refusal("gpu-box", "192.168.2.10", allowList("192.168.1.0/24"))).not.toBeNull();
    expect(refusal("gpu-box", "10.0.0.7", allowList("gpu-box"))).toBeNull();
    expect(refusal("ollama.lan", "10.0.0.8", allowList("*.lan"))).toBeNull();
    expect(refusal("127.0.0.1", "127.0.0.1", allowList("127.0.0.1"))).toBeNull();
  });

  it("lets public addresses through", () => {
    expect(refusal("api.example.com", "93.184.215.14", none)).toBeNull();
    expect(refusal("api.example.com", "2606:2800:21f:cb07::1", none)).toBeNull();
  });

  it("connects only to the allowed addresses of a name, and refuses a name with none", () => {
    const list = [{ address: "::1" }, { address: "127.0.0.1" }];
    const saved = process.env.TOOLTUNE_ALLOWED_HOSTS;
    process.env.TOOLTUNE_ALLOWED_HOSTS = "127.0.0.1";
    try {
      expect(allowedAddresses("localhost", list)).toEqual([{ address: "127.0.0.1" }]);
      expect(allowedAddresses("evil.example", [{ address: "169.254.169.254" }])).toMatch(/metadata/);
    } finally {
      if (saved === undefined) delete process.env.TOOLTUNE_ALLOWED_HOSTS;
      else process.env.TOOLTUNE_ALLOWED_HOSTS = saved;
    }
  });

  it("refuses URLs with credentials, other schemes and literal metadata addresses before connecting", () => {
    expect(() => checkUrl("http://u:p@example.com/v1")).toThrow(/user name or password/);
    expect(() => checkUrl("file:///etc/passwd")).toThrow(/only http and https/);
    expect(() => checkUrl("http://169.254.169.254/latest/meta-data")).toThrow(/metadata/);
    expect(() => checkUrl("http://[fe80::1]:8000/v1")).toThrow(/link-local/);
  });

  it("shows a remote's error text short, and never an HTML page", () => {
    expect(remoteText("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><script>x()</script></body></html>")).toBe("an HTML page (not shown)");
    const long = remoteText("model not found: " + "x".repeat(5000));
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long.endsWith("…")).toBe(true);
    expect(remoteText("Invalid   model\n name")).toBe("Invalid model name");
  });
});
