/**
 * A unified diff (the format `diff -u` and `git apply` read) of two texts, line by line. Lines keep
 * their own terminators, so a CRLF file diffs as CRLF, and a last line without a terminator gets the
 * usual "\ No newline at end of file". The edit script is Myers' O(ND) greedy algorithm
 * (E. W. Myers, "An O(ND) Difference Algorithm and Its Variations", 1986), after trimming the common
 * prefix and suffix, which is all a fix usually leaves.
 */

export interface DiffOptions {
  readonly fromFile: string;
  readonly toFile: string;
  /** Unchanged lines shown around each change (3, like `diff -u`). */
  readonly context?: number;
}

type Op = { readonly kind: " " | "-" | "+"; readonly line: string };

/**
 * Splits after every LF, keeping the terminators. Like GNU diff, a CR is part of the line: CRLF lines
 * come out whole, and a file with lone-CR line ends is one line, which keeps the patch applicable.
 */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The unified diff of `before` and `after`, or "" when they are equal. */
export function unifiedDiff(before: string, after: string, options: DiffOptions): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const context = options.context ?? 3;
  const out = [`--- ${options.fromFile}\n`, `+++ ${options.toFile}\n`];
  for (const hunk of hunks(ops, context)) out.push(hunk);
  return out.join("");
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  return [
    ...a.slice(0, prefix).map((line): Op => ({ kind: " ", line })),
    ...middle,
    ...a.slice(a.length - suffix).map((line): Op => ({ kind: " ", line })),
  ];
}

/** Past this many differing lines the trace would cost too much memory; the diff is then not minimal but still correct. */
const MAX_EDIT_DISTANCE = 4000;

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) {
    return [...a.map((line): Op => ({ kind: "-", line })), ...b.map((line): Op => ({ kind: "+", line }))];
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const saved = trace[d] ?? v;
    const k = x - y;
    const down = k === -d || (k !== d && (saved[offset + k - 1] ?? 0) < (saved[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = saved[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: " ", line: a[x] ?? "" });
    }
    if (d > 0) {
      if (down) ops.push({ kind: "+", line: b[--y] ?? "" });
      else ops.push({ kind: "-", line: a[--x] ?? "" });
    }
  }
  return ops.reverse();
}

function hunks(ops: readonly Op[], context: number): string[] {
  const changes: number[] = [];
  ops.forEach((op, index) => {
    if (op.kind !== " ") changes.push(index);
  });
  const result: string[] = [];
  let i = 0;
  while (i < changes.length) {
    const first = changes[i] ?? 0;
    let last = first;
    while (i + 1 < changes.length && (changes[i + 1] ?? 0) - last <= 2 * context + 1) last = changes[++i] ?? last;
    i++;
    const start = Math.max(0, first - context);
    const end = Math.min(ops.length, last + context + 1);
    let oldLine = 1;
    let newLine = 1;
    for (let j = 0; j < start; j++) {
      const kind = ops[j]?.kind;
      if (kind !== "+") oldLine++;
      if (kind !== "-") newLine++;
    }
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    for (let j = start; j < end; j++) {
      const op = ops[j];
      if (!op) continue;
      if (op.kind !== "+") oldCount++;
      if (op.kind !== "-") newCount++;
      body.push(op.kind + op.line);
      if (!op.line.endsWith("\n")) body.push("\n\\ No newline at end of file\n");
    }
    result.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@\n`, ...body);
  }
  return result;
}

/** `diff -u` writes an empty side as "line-before,0". */
function range(start: number, count: number): string {
  const line = count === 0 ? start - 1 : start;
  return count === 1 ? `${line}` : `${line},${count}`;
}
