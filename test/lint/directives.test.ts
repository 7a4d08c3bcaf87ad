import { describe, expect, it } from "vitest";
import { readDirectives } from "../../src/lint/directives.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { parse } from "../../src/syntax/parse.js";

function directives(text: string) {
  const source = createSourceFile(text);
  const parsed = parse(source);
  return readDirectives(source, parsed.comments);
}

describe("inline disables", () => {
  it("silences the listed rules on the next line only", () => {
    const d = directives("// pac-do-disable-next-line a, b\nvar x;\nvar y;\n");
    expect([d.suppresses("a", 2), d.suppresses("b", 2), d.suppresses("c", 2), d.suppresses("a", 3), d.suppresses("a", 1)]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("silences every rule on its own line when no rule is named", () => {
    const d = directives("var x; /* pac-do-disable-line */\nvar y;\n");
    expect([d.suppresses("anything", 1), d.suppresses("anything", 2)]).toEqual([true, false]);
  });

  it("applies a file-level disable everywhere and ignores a description after --", () => {
    const d = directives("/* pac-do-disable max-size -- generated file */\nvar x;\n");
    expect([d.suppresses("max-size", 2), d.suppresses("max-size", 1), d.suppresses("ascii-only", 2)]).toEqual([true, true, false]);
  });

  it("counts next-line from the end of a multi-line block comment", () => {
    const d = directives("/* pac-do-disable-next-line a\n   because reasons */\nvar x;\n");
    expect([d.suppresses("a", 2), d.suppresses("a", 3)]).toEqual([false, true]);
  });

  it("ignores comments that only mention the directive", () => {
    const d = directives("// see pac-do-disable-line in the docs\nvar x;\n");
    expect(d.suppresses("a", 1)).toBe(false);
  });
});
