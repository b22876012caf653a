// The engine is pure: it imports nothing that does I/O, keeps time or draws random numbers.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

describe("src/engine", () => {
  const engine = files(join(ROOT, "src", "engine"));
  it("imports only itself and pure libraries", () => {
    for (const f of engine) {
      const imports = [...readFileSync(f, "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
      for (const i of imports) expect(i.startsWith(".") || i === "i18n-iso-countries", `${f} imports ${i}`).toBe(true);
      expect(imports.some((i) => /\.\.\/(cli|io|portrait|report|pipeline)\//.test(i)), f).toBe(false);
    }
  });
  it("reads no clock and no randomness", () => {
    for (const f of engine) expect(readFileSync(f, "utf8"), f).not.toMatch(/Date\.now|new Date\(|Math\.random|performance\.now|process\./);
  });
});
