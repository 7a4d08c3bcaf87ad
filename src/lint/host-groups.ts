/**
 * The analysis rules report one finding per deciding place (a `return`, a failure), not one per host:
 * every host that lands there joins the first one's report as "(and N more … hosts)".
 */

/** The hosts that led to one finding, and what the first of them found. */
export interface HostGroup<T> {
  readonly hosts: string[];
  readonly first: T;
}

/** Adds `host` to the group under `key`, creating the group with `first()` when it is new; insertion order is report order. */
export function addToGroup<T>(groups: Map<string, HostGroup<T>>, key: string, host: string, first: () => T): void {
  const group = groups.get(key);
  if (!group) groups.set(key, { hosts: [host], first: first() });
  else if (!group.hosts.includes(host)) group.hosts.push(host);
}

/** The `{{host}}{{more}}` message slots: the first host, then " (and 2 more DO service hosts)" when there are more. */
export function hostSlots(hosts: readonly string[], noun: string): { host: string; more: string } {
  const others = hosts.length - 1;
  return { host: hosts[0] ?? "", more: others > 0 ? ` (and ${others} more ${noun}${others === 1 ? "" : "s"})` : "" };
}
