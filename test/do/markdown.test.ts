import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../src/do/catalogue.js";
import { endpointsMarkdown } from "../../src/do/markdown.js";

const path = new URL("../../docs/endpoints.md", import.meta.url);

describe("docs/endpoints.md", () => {
  it("is exactly what the catalogue generates (UPDATE_DOCS=1 rewrites it)", () => {
    const expected = endpointsMarkdown();
    if (process.env["UPDATE_DOCS"]) writeFileSync(path, expected);
    expect(readFileSync(path, "utf8")).toBe(expected);
  });

  it("lists every endpoint with its source", () => {
    const text = endpointsMarkdown();
    for (const entry of CATALOGUE) expect(text).toContain(`| \`${entry.pattern}\` |`);
    expect(text).toContain("0888ed6");
    expect(text).toContain("85023ed");
  });
});
