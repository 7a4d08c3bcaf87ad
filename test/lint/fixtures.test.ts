import { describe, expect, it } from "vitest";
import { lintOne, loadFixtures, positions } from "./helpers.js";

const fixtures = loadFixtures();

describe("rule fixtures", { timeout: 60_000 }, () => {
  it("finds fixtures for the rules", () => {
    expect(fixtures.length).toBeGreaterThan(20);
  });

  for (const fixture of fixtures) {
    if (fixture.valid) {
      it(`${fixture.ruleId}: ${fixture.name} reports nothing`, async () => {
        expect(fixture.expected).toEqual([]);
        const diagnostics = await lintOne(fixture.ruleId, fixture.source, fixture.profile);
        expect(diagnostics.map((d) => `${d.start.line}:${d.start.column} ${d.message}`)).toEqual([]);
      });
    } else {
      it(`${fixture.ruleId}: ${fixture.name} reports at every marker and nowhere else`, async () => {
        expect(fixture.expected.length).toBeGreaterThan(0);
        const diagnostics = await lintOne(fixture.ruleId, fixture.source, fixture.profile);
        expect(positions(diagnostics), diagnostics.map((d) => `${d.start.line}:${d.start.column} ${d.message}`).join("\n")).toEqual(
          fixture.expected,
        );
      });
    }
  }
});
