import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isSupportedNode, MINIMUM_NODE, nodeVersionProblem } from "../src/node-version.js";

describe("the Node.js version check (src/bin.ts)", () => {
  it("asks for the version package.json's engines.node names", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { engines: { node: string } };
    expect(`>=${MINIMUM_NODE}`.replace(/\.0$/, "")).toBe(pkg.engines.node);
  });

  it("accepts 22.12 and later, refuses anything older", () => {
    for (const version of ["22.12.0", "22.12.1", "22.13.0", "23.0.0", "24.11.1", "100.0.0"]) expect(isSupportedNode(version), version).toBe(true);
    for (const version of ["22.11.9", "22.0.0", "20.20.2", "18.19.1", "8.0.0", "0.12.18"]) expect(isSupportedNode(version), version).toBe(false);
  });

  it("says in one line which Node ran it and what it needs", () => {
    expect(nodeVersionProblem("20.20.2", "/usr/bin/node")).toBe(
      'pac-do: needs Node.js >= 22.12, but /usr/bin/node is v20.20.2 and no newer node is on PATH (docs/integrations.md, "Node.js")',
    );
  });
});
