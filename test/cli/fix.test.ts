import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run } from "../../src/cli.js";
import { memoryIo } from "../helpers/memory-io.js";
import { nodeFs, writeFileAtomic, type AtomicFs } from "../../src/fix/write-atomic.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/fix");

/** A scratch folder holding a copy of one fixture. */
function scratch(fixture: string, name = "proxy.pac"): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "pac-do-cli-fix-"));
  const file = join(dir, name);
  writeFileSync(file, readFileSync(join(FIXTURES, fixture)));
  return { dir, file };
}

const golden = (name: string): Buffer => readFileSync(join(FIXTURES, name.replace(/\.pac$/, ".fixed.pac")));

describe("pac-do fix", () => {
  test("prints the fixed PAC on stdout and says what it did on stderr", async () => {
    const c = memoryIo({ disk: true });
    expect(await run(["fix", join(FIXTURES, "both-entry-points.pac")], c)).toBe(0);
    expect(c.out).toBe(golden("both-entry-points.pac").toString("utf8"));
    expect(c.err).toBe("fixed: 2 entry points (FindProxyForURL line 4, FindProxyForURLEx line 9)\n");
  });

  test("keeps the BOM and CRLF on stdout", async () => {
    const c = memoryIo({ disk: true });
    expect(await run(["fix", join(FIXTURES, "crlf-bom.pac")], c)).toBe(0);
    expect(Buffer.from(c.out, "utf8").equals(golden("crlf-bom.pac"))).toBe(true);
  });

  test("--write rewrites the file in place; a second run finds nothing to do", async () => {
    const { file } = scratch("declaration.pac");
    const first = memoryIo({ disk: true });
    expect(await run(["fix", file, "--write"], first)).toBe(0);
    expect(first.out).toBe("");
    expect(first.err).toBe(`fixed: 1 entry point (FindProxyForURL line 4); wrote ${file}\n`);
    expect(readFileSync(file).equals(golden("declaration.pac"))).toBe(true);
    const second = memoryIo({ disk: true });
    expect(await run(["fix", file, "--write"], second)).toBe(0);
    expect(second.err).toBe("the pac-do block is up to date, nothing to do\n");
    expect(readFileSync(file).equals(golden("declaration.pac"))).toBe(true);
  });

  test("-o writes the result to another file and leaves the input alone", async () => {
    const { dir, file } = scratch("tabs.pac");
    const c = memoryIo({ disk: true });
    expect(await run(["fix", file, "-o", join(dir, "out.pac")], c)).toBe(0);
    expect(readFileSync(join(dir, "out.pac")).equals(golden("tabs.pac"))).toBe(true);
    expect(readFileSync(file).equals(readFileSync(join(FIXTURES, "tabs.pac")))).toBe(true);
  });

  test("--write takes several files (as a pre-commit hook passes them), each line naming its file", async () => {
    const a = scratch("declaration.pac");
    const b = scratch("already-compliant.pac");
    const c = memoryIo({ disk: true });
    expect(await run(["fix", "--write", a.file, b.file], c)).toBe(0);
    expect(c.err).toBe(`${a.file}: fixed: 1 entry point (FindProxyForURL line 4); wrote ${a.file}\n${b.file}: already compliant, nothing to do\n`);
    expect(readFileSync(a.file).equals(golden("declaration.pac"))).toBe(true);
    expect(readFileSync(b.file).equals(readFileSync(join(FIXTURES, "already-compliant.pac")))).toBe(true);
  });

  test("with several files, the worst exit code wins and every file is still handled", async () => {
    const broken = scratch("parse-error.pac");
    const good = scratch("declaration.pac");
    const c = memoryIo({ disk: true });
    expect(await run(["fix", "--check", broken.file, good.file], c)).toBe(1);
    expect(c.err).toContain(`${broken.file}: not fixed: the file does not parse`);
    expect(c.err).toContain(`${good.file}: needs fixing`);
  });

  test("refuses several files without --write, --check or --diff, and -o with several files", async () => {
    const a = scratch("declaration.pac");
    const b = scratch("tabs.pac");
    const plain = memoryIo({ disk: true });
    expect(await run(["fix", a.file, b.file], plain)).toBe(2);
    expect(plain.err).toBe("pac-do: several files need --write, --check or --diff (the fixed PACs would share stdout)\n");
    const output = memoryIo({ disk: true });
    expect(await run(["fix", "--diff", "-o", join(a.dir, "out.pac"), a.file, b.file], output)).toBe(2);
    expect(output.err).toBe("pac-do: --output takes one file\n");
    expect(readFileSync(a.file).equals(readFileSync(join(FIXTURES, "declaration.pac")))).toBe(true);
  });

  test("--check exits 1 when a fix is needed and 0 when the file is already fixed", async () => {
    const needed = memoryIo({ disk: true });
    expect(await run(["fix", join(FIXTURES, "declaration.pac"), "--check"], needed)).toBe(1);
    expect(needed.out).toBe("");
    expect(needed.err).toMatch(/declaration\.pac: needs fixing: 1 entry point \(FindProxyForURL line 4\)\n$/);
    const done = memoryIo({ disk: true });
    expect(await run(["fix", join(FIXTURES, "declaration.fixed.pac"), "--check"], done)).toBe(0);
  });

  test("leaves an already compliant PAC untouched", async () => {
    const { file } = scratch("already-compliant.pac");
    const c = memoryIo({ disk: true });
    expect(await run(["fix", file, "--write"], c)).toBe(0);
    expect(c.err).toBe("already compliant, nothing to do\n");
    expect(readFileSync(file).equals(readFileSync(join(FIXTURES, "already-compliant.pac")))).toBe(true);
  });

  test("--diff prints a unified diff of the change", async () => {
    const c = memoryIo({ disk: true });
    expect(await run(["fix", join(FIXTURES, "one-line-function.pac"), "--diff"], c)).toBe(0);
    expect(c.out).toMatch(/^--- a\/.*one-line-function\.pac\n\+\+\+ b\/.*one-line-function\.pac\n@@ -1 \+1,5 @@\n-function FindProxyForURL\(u,h\)\{return "PROXY p\.example:8080";\}\n\+function FindProxyForURL\(u,h\)\{\n\+  \/\/ pac-do:begin /);
  });

  test("does not rewrite a file with parse errors and prints them with line:col", async () => {
    const { file } = scratch("parse-error.pac");
    const c = memoryIo({ disk: true });
    expect(await run(["fix", file, "--write"], c)).toBe(1);
    expect(c.err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:2:\\d+: parse error: `));
    expect(c.err).toMatch(/not fixed: the file does not parse\n$/);
    expect(readFileSync(file).equals(readFileSync(join(FIXTURES, "parse-error.pac")))).toBe(true);
  });

  test("says clearly when it cannot find a place to inject", async () => {
    const c = memoryIo({ files: { "made.pac": "var make = function () { return function (u, h) { return 'DIRECT'; }; };\nFindProxyForURL = make();\n" } });
    expect(await run(["fix", "made.pac"], c)).toBe(1);
    expect(c.err).toMatch(/made\.pac: cannot find a place to inject at line 2: FindProxyForURL is given the result of a call at line 2/);
    expect(c.out).toBe("");
  });

  test("writes nothing when the proof fails, and says which host changed", async () => {
    const { file } = scratch("declaration.pac");
    // A PAC that inspects its own source text routes differently once the block is in.
    writeFileSync(file, 'function FindProxyForURL(url, host) {\n  if (String(FindProxyForURL).length > 200) return "PROXY changed.example:1";\n  return "PROXY p.example:8080";\n}\n');
    const before = readFileSync(file);
    const c = memoryIo({ disk: true });
    expect(await run(["fix", file, "--write"], c)).toBe(1);
    expect(c.err).toMatch(/^.*proxy\.pac: \S+ \(FindProxyForURL\) changed when .*: before "PROXY p\.example:8080" \(line 3\), after "PROXY changed\.example:1" \(line 5\)\n/);
    expect(c.err).toMatch(/proxy\.pac: … and \d+ more\n/);
    expect(c.err.split("\n").filter((line) => line.includes(" changed when "))).toHaveLength(10);
    expect(c.err).toMatch(/not fixed: the fixed PAC failed verification, nothing was written\n$/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test.each([
    ["ENOSPC", "no space left on device"],
    ["EROFS", "read-only file system"],
    ["EACCES", "permission denied"],
  ])("a %s during --write exits 2 with one line and leaves the original", async (code, words) => {
    const { dir, file } = scratch("declaration.pac");
    const failing: AtomicFs = {
      ...nodeFs,
      open: async (path, flags, mode) => {
        if (flags === "wx") throw Object.assign(new Error(code), { code });
        return nodeFs.open(path, flags, mode);
      },
    };
    const c = memoryIo({ disk: true, writeFile: (path, data) => writeFileAtomic(path, data, failing) });
    expect(await run(["fix", file, "--write"], c)).toBe(2);
    expect(c.err).toMatch(new RegExp(`^pac-do: .*proxy\\.pac: .*${words}; nothing was written, the original is untouched\\n$`));
    expect(readFileSync(file).equals(readFileSync(join(FIXTURES, "declaration.pac")))).toBe(true);
    expect(readdirSync(dir)).toEqual(["proxy.pac"]);
  });

  test("refuses a folder as the output, exit 2", async () => {
    const { dir, file } = scratch("declaration.pac");
    mkdirSync(join(dir, "out.pac"));
    const c = memoryIo({ disk: true });
    expect(await run(["fix", file, "-o", join(dir, "out.pac")], c)).toBe(2);
    expect(c.err).toMatch(/out\.pac: is a directory, not a file; nothing was written/);
  });

  test.each([
    [["fix", "/nonexistent/proxy.pac"], /proxy\.pac: no such file/],
    [["fix", join(FIXTURES, "declaration.pac"), "--cache-host", "10.0.0.300"], /--cache-host "10\.0\.0\.300": not a valid IPv4 address/],
    [["fix", join(FIXTURES, "declaration.pac"), "--write", "-o", "x.pac"], /either --write or --output/],
    [["fix", join(FIXTURES, "declaration.pac"), "--timeout", "soon"], /--timeout must be a positive integer/],
  ])("exits 2 with one line for %j", async (argv, message) => {
    const c = memoryIo({ disk: true });
    expect(await run(argv, c)).toBe(2);
    expect(c.err).toMatch(message);
    expect(c.err.trim().split("\n")).toHaveLength(1);
  });

  test("--include-content and --cache-host add their lines to the block", async () => {
    const c = memoryIo({ disk: true });
    expect(await run(["fix", join(FIXTURES, "declaration.pac"), "--include-content", "--cache-host", "MCC01.corp.example", "--cache-host", "10.20.0.5"], c)).toBe(0);
    expect(c.out).toContain("// pac-do:begin v1 catalogue=");
    expect(c.out).toContain(" content cache=mcc01.corp.example,10.20.0.5 ");
    expect(c.out).toContain('    if (/(^|\\.)dl\\.delivery\\.mp\\.microsoft\\.com\\.?$/.test(String(host).toLowerCase())) return "DIRECT";\n');
    expect(c.out).toContain('    if (/^(mcc01\\.corp\\.example|10\\.20\\.0\\.5)\\.?$/.test(String(host).toLowerCase())) return "DIRECT";\n');
  });

  test("lint --fix adds the block where do-service-direct reports, then lints the fixed file", async () => {
    const { file } = scratch("declaration.pac");
    const before = memoryIo({ disk: true });
    expect(await run(["lint", file, "--format", "json"], before)).toBe(1);
    expect(JSON.stringify(JSON.parse(before.out))).toContain('"ruleId":"do-service-direct"');

    const c = memoryIo({ disk: true });
    await run(["lint", file, "--fix", "--format", "json"], c);
    expect(c.err).toBe(`${file}: fixed: 1 entry point (FindProxyForURL line 4)\n`);
    expect(readFileSync(file).equals(golden("declaration.pac"))).toBe(true);
    const [result] = JSON.parse(c.out) as { diagnostics: { ruleId: string | null }[] }[];
    expect(result?.diagnostics.map((d) => d.ruleId)).not.toContain("do-service-direct");
  });

  test("lint --fix leaves files without fixable problems alone", async () => {
    const { file } = scratch("already-compliant.pac");
    const c = memoryIo({ disk: true });
    await run(["lint", file, "--fix"], c);
    expect(c.err).toBe("");
    expect(readFileSync(file).equals(readFileSync(join(FIXTURES, "already-compliant.pac")))).toBe(true);
  });
});
