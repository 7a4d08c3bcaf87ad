/** A set of environment classes in words, dimension by dimension where the set allows it. */
import type { EnvironmentClass } from "../analyze/types.js";

const ANY: Readonly<Record<string, string>> = {
  s: "any public address",
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
  return classDescriber(classes)(ids);
}

/** `describeClasses` over one list of classes, for many sets of them: the classes' values are gathered once. */
export function classDescriber(classes: readonly EnvironmentClass[]): (ids: readonly string[]) => string {
  const all = new Map<string, Map<string, string>>();
  for (const c of classes) {
    for (const { key, label } of c.values ?? []) {
      const dim = key.charAt(0);
      let values = all.get(dim);
      if (!values) all.set(dim, (values = new Map()));
      values.set(key, label);
    }
  }
  return (ids) => {
    const first = classes.find((c) => c.id === ids[0]);
    if (ids.length === classes.length) return classes.length === 1 ? "every environment" : `every environment (all ${classes.length} classes)`;
    const chosen = new Set(ids);
    const taken = new Map<string, Set<string>>();
    // In the classes' order, which is the order values are listed in.
    for (const c of classes) {
      if (!chosen.has(c.id)) continue;
      for (const { key } of c.values ?? []) {
        const dim = key.charAt(0);
        let set = taken.get(dim);
        if (!set) taken.set(dim, (set = new Set()));
        set.add(key);
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
      const clock = dim === "t" ? describeReadings(labels, [...values.values()]) : undefined;
      if (clock !== undefined) {
        restricted.push(clock);
        continue;
      }
      const shown = labels.slice(0, LIST_UP_TO).join(" or ");
      restricted.push(labels.length > LIST_UP_TO ? `${shown} or ${labels.length - LIST_UP_TO} more` : shown);
    }
    return [...restricted, ...free].join(", ");
  };
}

const READING = /^(\S+(?: \d{4}-\d\d-\d\d)?) (\d\d:\d\d(?::\d\d)?) (\S+)(.*)$/;

/**
 * Clock readings grouped by day: "at 08:00, 08:59 or 18:00 UTC on any day; at 09:00 or 17:00 UTC on
 * Sat, Sun". Undefined when a label does not read as a reading.
 */
function describeReadings(chosen: readonly string[], all: readonly string[]): string | undefined {
  const parse = (label: string) => READING.exec(label);
  const allDays = new Set<string>();
  for (const label of all) {
    const match = parse(label);
    if (!match) return undefined;
    allDays.add(match[1] ?? "");
  }
  const timesByDay = new Map<string, string[]>();
  let zone = "";
  for (const label of chosen) {
    const match = parse(label);
    if (!match) return undefined;
    const [, day = "", time = "", tz = "", rest = ""] = match;
    zone = tz;
    const times = timesByDay.get(day) ?? [];
    times.push(`${time}${rest}`);
    timesByDay.set(day, times);
  }
  const daysByTimes = new Map<string, string[]>();
  for (const [day, times] of timesByDay) {
    const key = times.sort().join(", ");
    daysByTimes.set(key, [...(daysByTimes.get(key) ?? []), day]);
  }
  const or = (items: readonly string[]): string =>
    items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1] ?? ""}`;
  return [...daysByTimes]
    .map(([times, days]) => `at ${or(times.split(", "))} ${zone} on ${days.length === allDays.size ? "any day" : days.join(", ")}`)
    .join("; ");
}
