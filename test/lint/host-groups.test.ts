import { describe, expect, it } from "vitest";
import { addToGroup, hostSlots, type HostGroup } from "../../src/lint/host-groups.js";

describe("addToGroup", () => {
  it("keeps the first host's finding, adds each further host once, in insertion order", () => {
    const groups = new Map<string, HostGroup<string>>();
    const made: string[] = [];
    for (const [key, host] of [["4:10", "geo"], ["7:3", "kv801"], ["4:10", "geover"], ["4:10", "geo"]] as const) {
      addToGroup(groups, key, host, () => {
        made.push(host);
        return `found for ${host}`;
      });
    }
    expect([...groups.entries()]).toEqual([
      ["4:10", { hosts: ["geo", "geover"], first: "found for geo" }],
      ["7:3", { hosts: ["kv801"], first: "found for kv801" }],
    ]);
    expect(made).toEqual(["geo", "kv801"]);
  });
});

describe("hostSlots", () => {
  it("names the first host and counts the others with the noun in singular or plural", () => {
    expect(hostSlots(["a"], "DO host")).toEqual({ host: "a", more: "" });
    expect(hostSlots(["a", "b"], "DO host")).toEqual({ host: "a", more: " (and 1 more DO host)" });
    expect(hostSlots(["a", "b", "c"], "DO service host")).toEqual({ host: "a", more: " (and 2 more DO service hosts)" });
  });
});
