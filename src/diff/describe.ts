/** A set of environment classes in words, dimension by dimension where the set allows it. */
import type { EnvironmentClass } from "../analyze/types.js";

const ANY: Readonly<Record<string, string>> = {
  c: "any client address",
  d: "any DNS answer for the host",
  p: "any answer for the probed hosts",
  t: "any time",
};
/** Values of one dimension listed by label before the rest is counted. */
const LIST_UP_TO = 3;

/**
 * Describes `ids` among `classes`. When the set is a product (every combination of the values it
 * takes in each dimension), each dimension is said on its own: its values, or "any time" when the set
 * takes all of them. Otherwise: how many classes, and the first.
 */
export function describeClasses(ids: readonly string[], classes: readonly EnvironmentClass[]): string {
  const first = classes.find((c) => c.id === ids[0]);
  if (ids.length === classes.length) return classes.length === 1 ? "every environment" : `every environment (all ${classes.length} classes)`;
  const chosen = new Set(ids);
  const all = new Map<string, Map<string, string>>();
  const taken = new Map<string, Set<string>>();
  for (const c of classes) {
    for (const { key, label } of c.values ?? []) {
      const dim = key.charAt(0);
      let values = all.get(dim);
      if (!values) all.set(dim, (values = new Map()));
      values.set(key, label);
      if (chosen.has(c.id)) {
        let set = taken.get(dim);
        if (!set) taken.set(dim, (set = new Set()));
        set.add(key);
      }
    }
  }
  const product = [...taken.values()].reduce((n, set) => n * set.size, 1);
  if (all.size === 0 || product !== ids.length) {
    return `${ids.length} of ${classes.length} environment classes, e.g. ${first?.label ?? ids[0] ?? "none"}`;
  }
  const restricted: string[] = [];
  const free: string[] = [];
  for (const [dim, values] of all) {
    const set = taken.get(dim) ?? new Set<string>();
    if (set.size === values.size) {
      free.push(ANY[dim] ?? `any ${dim}`);
      continue;
    }
    const labels = [...set].map((key) => values.get(key) ?? key);
    const shown = labels.slice(0, LIST_UP_TO).join(" or ");
    restricted.push(labels.length > LIST_UP_TO ? `${shown} or ${labels.length - LIST_UP_TO} more` : shown);
  }
  return [...restricted, ...free].join(", ");
}
