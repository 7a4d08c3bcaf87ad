/**
 * What a deadline counts. A PAC's deadline is CPU time of the thread that runs it, so that a verdict
 * does not depend on how busy the machine is: on the shared 2-core project machine at load 20 a
 * thread got about a tenth of a core, the 1 MB bench PAC's top level took over a second of wall clock
 * for 140 ms of CPU, and a wall-clock deadline failed it, which a diff then reported as 216 changed
 * routes between two identical files.
 *
 * Node has the thread's CPU time since 23.9 (`process.threadCpuUsage`, about 0.45 µs a call on the
 * project machine); where it has not (Node 22, a browser), deadlines fall back to the wall clock.
 *
 * The backstop behind the interrupt handler (backstop.ts) can only count wall clock, so its limit is
 * the CPU budget stretched by how loaded the machine is (`wallLimit`), and a crossing it cuts off
 * before the thread used its budget is reported as `busy`, not as the PAC's timeout.
 */

type Usage = { user: number; system: number };

const host = (globalThis as { process?: { threadCpuUsage?: () => Usage; getBuiltinModule?: (name: string) => unknown } }).process;
const threadCpuUsage = typeof host?.threadCpuUsage === "function" ? host.threadCpuUsage.bind(host) : undefined;

/** True when deadlines count the thread's CPU time (else the wall clock). */
export const countsCpu = threadCpuUsage !== undefined;

/** The clock deadlines are measured on, in milliseconds: the thread's CPU time where known, else the wall clock. */
export const deadlineClock: () => number = threadCpuUsage
  ? () => {
      const usage = threadCpuUsage();
      return (usage.user + usage.system) / 1000;
    }
  : () => performance.now();

/** The longest a crossing's wall clock is stretched: 8x its CPU budget, a thread's share at load 16 on 2 cores. */
export const MAX_STRETCH = 8;

interface Os {
  loadavg(): number[];
  availableParallelism?(): number;
  cpus(): unknown[];
}

let os: Os | undefined | null = null;

/**
 * How many times its CPU budget a crossing may take on the wall clock before the backstop cuts it
 * off: 1 on a quiet machine (so a guest stuck in one native step is cut off as soon as before), up to
 * MAX_STRETCH when the runnable threads outnumber the cores (the one-minute load average over the
 * cores, plus one for this thread). `patient` asks for MAX_STRETCH: a crossing run again after the
 * machine was too busy for it.
 */
export function wallStretch(patient = false): number {
  if (!countsCpu) return 1;
  if (patient) return MAX_STRETCH;
  if (os === null) os = (host?.getBuiltinModule?.("node:os") as Os | undefined) ?? undefined;
  if (os === undefined) return 1;
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const load = os.loadavg()[0] ?? 0;
  return Math.min(MAX_STRETCH, Math.max(1, (load + 1) / Math.max(1, cores)));
}

/** The wall-clock limit of a crossing whose CPU budget is `budgetMs` (see wallStretch), plus the backstop's grace. */
export function wallLimit(budgetMs: number, graceMs: number, patient = false): number {
  return Math.ceil(budgetMs * wallStretch(patient)) + graceMs;
}

/** The failure of a crossing cut off by the wall clock before its thread used its CPU budget. */
export function busyFailure(): { kind: "busy"; message: string } {
  return { kind: "busy", message: "did not finish: the machine was too busy to give it its CPU time; run again on a quieter machine" };
}
