// The engine is pure: it imports nothing that does I/O, keeps time or draws random numbers.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

// Pure libraries the core may use: country names, phone numbering plans, the public suffix list.
// node:module only for createRequire: the phone metadata is loaded on first use, not at start-up.
const PURE = ["i18n-iso-countries", "libphonenumber-js/max", "tldts", "node:module"];

describe.each([
  ["engine", /\.\.\/(cli|io|portrait|report|pipeline|learn)\//],
  ["contact", /\.\.\/(cli|io|portrait|report|pipeline|learn)\//],
  // learn compiles and validates the portraits it writes: portrait/ is pure too.
  ["learn", /\.\.\/(cli|io|report|pipeline)\//],
])("src/%s", (dir, forbidden) => {
  const core = files(join(ROOT, "src", dir));
  it("imports only the pure core and pure libraries", () => {
    for (const f of core) {
      const imports = [...readFileSync(f, "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
      for (const i of imports) expect(i.startsWith(".") || PURE.includes(i), `${f} imports ${i}`).toBe(true);
      expect(imports.some((i) => forbidden.test(i)), f).toBe(false);
    }
  });
  it("reads no clock and no randomness", () => {
    for (const f of core) expect(readFileSync(f, "utf8"), f).not.toMatch(/Date\.now|new Date\(|Math\.random|performance\.now|process\./);
  });
});
