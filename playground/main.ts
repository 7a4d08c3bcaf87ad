/**
 * The playground page: a CodeMirror editor over the PAC, and panels for what pac-do's CLI says about
 * it (lint, routes, resolve, fix), all computed by the library in a Web Worker (worker.ts).
 *
 * CodeMirror 6 rather than Monaco: it is built from small ES modules that esbuild bundles (Monaco
 * needs its own loader and language workers, megabytes of them), and its lint package already draws
 * what the issue asks for: squiggles, gutter markers and hover tooltips from a list of diagnostics.
 *
 * Test hooks (issue #12): `[data-testid=editor]`; one `[data-testid=diagnostic]` per diagnostic with
 * `data-rule` and `data-line`; `[data-testid=routes]`; `[data-testid=resolve-result]`;
 * `document.body.dataset.ready = "true"` once the first analysis of the loaded PAC has finished.
 */
import { defaultKeymap, history as undoHistory, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, StateEffect, StateField, type Text } from "@codemirror/state";
import { Decoration, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type DecorationSet } from "@codemirror/view";
import examples from "pac-do:examples";
import type { JsonDiagnostic } from "../src/format/json.js";
import type { PageProfile, Reply, Request, ResolveJson, ResolveQuestion, RoutesJson } from "./protocol.js";
import { EMPTY_QUESTION, readHash, writeHash, type PageState } from "./state.js";

/** Quiet time after a keystroke before the text is analysed. */
const DEBOUNCE_MS = 60;
/**
 * The page's hard limit on one answer of the worker. The sandbox times out each evaluation itself
 * (1 s by default); this catches whatever it cannot, by construction: the worker is terminated and a
 * new one started. An analysis posts lint and routes separately, and each answer restarts the clock.
 */
const WATCHDOG_MS = 30_000;

const $ = <T extends HTMLElement>(selector: string): T => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`page is missing ${selector}`);
  return element;
};

const statusEl = $<HTMLElement>("#status");
const problemsEl = $<HTMLOListElement>("#problems");
const problemCountEl = $<HTMLElement>("#problem-count");
const notesEl = $<HTMLElement>("#notes");
const routesEl = $<HTMLElement>("#routes");
const profileEl = $<HTMLSelectElement>("#profile");
const examplesEl = $<HTMLSelectElement>("#examples");
const resolveForm = $<HTMLFormElement>("#resolve-form");
const resolveResultEl = $<HTMLElement>("#resolve-result");
const fixButton = $<HTMLButtonElement>("#fix-button");
const fixMessageEl = $<HTMLElement>("#fix-message");
const fixDiffEl = $<HTMLElement>("#fix-diff");
const fixApplyButton = $<HTMLButtonElement>("#fix-apply");
const shareButton = $<HTMLButtonElement>("#share");
const banner = $<HTMLElement>("#banner");

// ---- editor

const setDecided = StateEffect.define<number | null>();
/** The line the last resolve's deciding `return` is on, highlighted until the text changes. */
const decidedLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = tr.docChanged ? Decoration.none : value;
    for (const effect of tr.effects) {
      if (!effect.is(setDecided)) continue;
      next = effect.value === null ? Decoration.none : Decoration.set([Decoration.line({ class: "cm-decided" }).range(tr.state.doc.line(effect.value).from)]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * CodeMirror joins lines with LF unless told otherwise: a PAC whose every line ends in CRLF keeps CRLF
 * (in the analysis, the fix, the diff and the link). A file with mixed endings is kept as LF-joined
 * lines, since a CRLF-only separator would make its lone LFs part of a line, unlike the library.
 */
const lineEndings = new Compartment();

function lineSeparatorOf(text: string): string | undefined {
  return text.includes("\r\n") && !/\r(?!\n)|(?<!\r)\n/.test(text) ? "\r\n" : undefined;
}

const view = new EditorView({
  parent: $("#editor"),
  state: EditorState.create({
    doc: "",
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      undoHistory(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      javascript(),
      lintGutter(),
      decidedLine,
      lineEndings.of([]),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        editStartedAt ??= performance.now();
        scheduleAnalysis();
      }),
      EditorView.contentAttributes.of({ "aria-label": "PAC file", spellcheck: "false" }),
    ],
  }),
});

function setText(text: string): void {
  const separator = lineSeparatorOf(text);
  view.dispatch({ effects: lineEndings.reconfigure(separator ? EditorState.lineSeparator.of(separator) : []) });
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

function jumpTo(line: number, column = 1): void {
  const doc = view.state.doc;
  if (line < 1 || line > doc.lines) return;
  const at = doc.line(line);
  const pos = Math.min(at.from + column - 1, at.to);
  view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
  view.focus();
}

// ---- worker, with the page's watchdog

let wasm: WebAssembly.Module | undefined;
let workerUrl: string | undefined;
let worker: Worker | undefined;
let nextId = 1;
/** Requests the worker has not finished answering, with what to do if it never does. */
const pending = new Map<number, { kind: Request["kind"]; onTimeout: (message: string) => void }>();
let watchdog: ReturnType<typeof setTimeout> | undefined;
let watchdogMs = WATCHDOG_MS;

async function loadAssets(): Promise<void> {
  // Both fetched once, from the page's own folder: a restarted worker then needs no network.
  const [script, binary] = await Promise.all([
    fetch(new URL("worker.js", document.baseURI)).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`worker.js: HTTP ${r.status}`)))),
    fetch(new URL("emscripten-module.wasm", document.baseURI)).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`emscripten-module.wasm: HTTP ${r.status}`)))),
  ]);
  workerUrl = URL.createObjectURL(new Blob([script], { type: "text/javascript" }));
  wasm = await WebAssembly.compile(binary);
}

function startWorker(): Worker {
  if (!workerUrl || !wasm) throw new Error("assets not loaded");
  const started = new Worker(workerUrl, { type: "module", name: "pac-do analysis" });
  started.addEventListener("message", (event: MessageEvent<Reply>) => onReply(event.data));
  started.addEventListener("error", (event) => {
    event.preventDefault();
    failAll(`the analysis worker failed: ${event.message || "unknown error"}`);
    restartWorker();
  });
  started.postMessage({ kind: "init", wasm } satisfies Request);
  return started;
}

function restartWorker(): void {
  worker?.terminate();
  worker = startWorker();
}

function send(request: Exclude<Request, { kind: "init" }>, onTimeout: (message: string) => void): void {
  worker ??= startWorker();
  pending.set(request.id, { kind: request.kind, onTimeout });
  worker.postMessage(request);
  armWatchdog();
}

function armWatchdog(): void {
  if (watchdog !== undefined) clearTimeout(watchdog);
  watchdog = pending.size === 0 ? undefined : setTimeout(overrun, watchdogMs);
}

/** The worker did not answer in time: stop it (whatever it runs), start a fresh one, and say so. */
function overrun(): void {
  watchdog = undefined;
  failAll(`stopped: the analysis did not answer within ${formatMs(watchdogMs)}, so the page stopped its worker (the sandbox's own deadline did not end it)`);
  restartWorker();
}

function failAll(message: string): void {
  const failed = [...pending.values()];
  pending.clear();
  armWatchdog();
  for (const entry of failed) entry.onTimeout(message);
}

// ---- analysis (lint + routes)

let analysisId = 0;
let analysisStartedAt = 0;
/** When the first edit since the last analysis request was made (for the timings below). */
let editStartedAt: number | undefined;
let analysisEditAt: number | undefined;
let debounce: ReturnType<typeof setTimeout> | undefined;
let lintedOnce = false;
let profile: PageProfile = "winhttp";
let question: ResolveQuestion = EMPTY_QUESTION;

function scheduleAnalysis(): void {
  document.body.dataset.busy = "true";
  if (debounce !== undefined) clearTimeout(debounce);
  debounce = setTimeout(() => {
    debounce = undefined;
    analyse();
  }, DEBOUNCE_MS);
  scheduleHashUpdate();
}

function analyse(): void {
  const id = nextId++;
  analysisId = id;
  analysisStartedAt = performance.now();
  analysisEditAt = editStartedAt;
  editStartedAt = undefined;
  setStatus("busy", "Analysing…");
  document.body.dataset.busy = "true";
  // An analysis still waiting is superseded: the worker skips it, and the watchdog stops waiting for it.
  for (const [pendingId, entry] of pending) if (entry.kind === "analyze") pending.delete(pendingId);
  send({ kind: "analyze", id, text: view.state.sliceDoc(), profile }, (message) => {
    if (id !== analysisId) return;
    showDiagnostics([{ ruleId: null, severity: "error", message, line: 1, column: 1, endLine: 1, endColumn: 1, fixable: false }], []);
    routesEl.replaceChildren(paragraph("error", message));
    finishAnalysis();
    setStatus("error", "Analysis stopped");
  });
}

function finishAnalysis(): void {
  document.body.dataset.busy = "false";
  if (!lintedOnce) {
    lintedOnce = true;
    document.body.dataset.readyAtMs = performance.now().toFixed(1);
    document.body.dataset.ready = "true";
  }
}

function onReply(reply: Reply): void {
  const entry = pending.get(reply.id);
  if (reply.kind !== "lint") pending.delete(reply.id);
  if (entry) armWatchdog();
  switch (reply.kind) {
    case "lint": {
      if (reply.id !== analysisId) return;
      showDiagnostics(reply.result.diagnostics, reply.notes);
      // Timings for the benchmark (docs/performance.md, "Playground"): from the request to the worker
      // (no debounce), and from the edit that started this text (the debounce included).
      const shown = performance.now();
      document.body.dataset.lintMs = (shown - analysisStartedAt).toFixed(1);
      document.body.dataset.workerLintMs = reply.ms.toFixed(1);
      if (analysisEditAt !== undefined) document.body.dataset.editToLintMs = (shown - analysisEditAt).toFixed(1);
      document.body.dataset.lintCount = String(Number(document.body.dataset.lintCount ?? 0) + 1);
      document.body.dataset.firstLintAtMs ??= shown.toFixed(1);
      const { errorCount, warningCount, infoCount } = reply.result;
      setStatus(errorCount > 0 ? "error" : warningCount > 0 ? "warning" : "ok", summary(errorCount, warningCount, infoCount));
      // A PAC that does not parse has no routes: its analysis ends here.
      if (reply.result.diagnostics.some((d) => d.ruleId === null)) {
        pending.delete(reply.id);
        armWatchdog();
        routesEl.replaceChildren(paragraph("muted", "The PAC does not parse: fix the syntax errors to see its routes."));
        finishAnalysis();
      } else routesEl.setAttribute("aria-busy", "true");
      return;
    }
    case "routes":
      if (reply.id !== analysisId) return;
      showRoutes(reply.routes);
      finishAnalysis();
      return;
    case "resolve":
      showResolve(reply.result, reply.trace);
      return;
    case "resolve-error":
      resolveResultEl.replaceChildren(paragraph("error", reply.message));
      resolveResultEl.dataset.state = "error";
      return;
    case "fix":
      showFix(reply);
      return;
    case "diff":
    case "diff-error":
      showDiff(reply);
      return;
    case "failed":
      if (reply.id === analysisId) {
        showDiagnostics([{ ruleId: null, severity: "error", message: `internal error: ${reply.message}`, line: 1, column: 1, endLine: 1, endColumn: 1, fixable: false }], []);
        finishAnalysis();
      } else {
        if (reply.id === resolveId) resolveResultEl.replaceChildren(paragraph("error", `internal error: ${reply.message}`));
        if (reply.id === fixId) fixMessageEl.textContent = `internal error: ${reply.message}`;
        if (reply.id === diffId) diffReportEl.replaceChildren(span("violation", `internal error: ${reply.message}`));
      }
      return;
  }
}

function summary(errors: number, warnings: number, infos: number): string {
  const total = errors + warnings + infos;
  if (total === 0) return "No problems";
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}, ${infos} info)`;
}

function toOffset(doc: Text, line: number, column: number): number {
  if (line > doc.lines) return doc.length;
  const at = doc.line(Math.max(1, line));
  return Math.min(at.from + Math.max(0, column - 1), at.to);
}

function showDiagnostics(diagnostics: readonly JsonDiagnostic[], notes: readonly string[]): void {
  const doc = view.state.doc;
  const marks: Diagnostic[] = diagnostics.map((d) => {
    const from = toOffset(doc, d.line, d.column);
    const to = Math.max(from, toOffset(doc, d.endLine, d.endColumn));
    return {
      from,
      to,
      severity: d.severity === "info" ? "info" : d.severity,
      source: d.ruleId ?? "parse error",
      message: d.message,
      renderMessage: () => diagnosticBody(d),
    };
  });
  view.dispatch(setDiagnostics(view.state, marks));

  problemsEl.replaceChildren(
    ...diagnostics.map((d) => {
      const item = document.createElement("li");
      item.dataset.testid = "diagnostic";
      item.dataset.rule = d.ruleId ?? "parse-error";
      item.dataset.line = String(d.line);
      item.dataset.severity = d.severity;
      item.className = `problem is-${d.severity}`;
      const where = document.createElement("button");
      where.type = "button";
      where.className = "where";
      where.textContent = `${d.line}:${d.column}`;
      where.title = `Go to line ${d.line}`;
      where.addEventListener("click", () => jumpTo(d.line, d.column));
      item.append(where, diagnosticBody(d));
      return item;
    }),
  );
  problemCountEl.textContent = String(diagnostics.length);
  problemCountEl.dataset.severity = diagnostics.some((d) => d.severity === "error") ? "error" : diagnostics.length > 0 ? "warning" : "ok";
  if (diagnostics.length === 0) problemsEl.append(emptyItem("No problems: pac-do has nothing to report for this profile."));
  notesEl.replaceChildren(...notes.map((note) => paragraph("muted", note)));
}

function diagnosticBody(d: JsonDiagnostic): HTMLElement {
  const body = document.createElement("div");
  body.className = "diagnostic-body";
  const severity = document.createElement("span");
  severity.className = `severity ${d.severity}`;
  severity.textContent = d.severity;
  const message = document.createElement("span");
  message.className = "message";
  message.textContent = d.message;
  body.append(severity, message);
  if (d.ruleId) {
    const rule = document.createElement("a");
    rule.className = "rule";
    rule.href = `rules/${d.ruleId}.html`;
    rule.target = "_blank";
    rule.rel = "noopener";
    rule.textContent = d.ruleId;
    rule.title = `What ${d.ruleId} checks, and why`;
    body.append(rule);
  }
  return body;
}

// ---- routes

const ROLE_ORDER: Record<string, number> = { service: 0, content: 1, related: 2 };

function showRoutes(routes: RoutesJson): void {
  routesEl.removeAttribute("aria-busy");
  if (routes.loadFailure) {
    const line = routes.loadFailure.line;
    routesEl.replaceChildren(paragraph("error", `The PAC does not load${line ? ` (line ${line})` : ""}: ${routes.loadFailure.message}`));
    return;
  }
  const labels = new Map(routes.environments.map((e) => [e.id, e.label]));
  const table = document.createElement("table");
  table.className = "routes";
  const head = table.createTHead().insertRow();
  for (const title of ["Host", "Entry point", "Result", "Environments", "Line"]) {
    const th = document.createElement("th");
    th.textContent = title;
    head.append(th);
  }
  const body = table.createTBody();
  const rows = [...routes.routes].sort((a, b) => (ROLE_ORDER[a.role ?? ""] ?? 3) - (ROLE_ORDER[b.role ?? ""] ?? 3));
  for (const row of rows) {
    row.outcomes.forEach((outcome, index) => {
      const tr = body.insertRow();
      tr.dataset.host = row.host;
      tr.dataset.role = row.role ?? "other";
      const directFirst = outcome.result !== null && /^\s*DIRECT\b/i.test(outcome.result);
      tr.className = row.role === "service" && !directFirst ? "violation" : "";
      const host = tr.insertCell();
      if (index === 0) {
        host.rowSpan = row.outcomes.length;
        host.className = "host";
        host.append(code(row.host));
        if (row.endpoint) host.append(tag(row.role ?? "", row.endpoint));
      } else tr.deleteCell(0);
      if (index === 0) {
        const entry = tr.insertCell();
        entry.rowSpan = row.outcomes.length;
        entry.textContent = row.entryPoint;
      }
      const result = tr.insertCell();
      result.append(outcome.failure ? span("error", outcome.failure.message) : code(outcome.result ?? "(none)"));
      if (outcome.implicitBypass) result.append(span("muted", ` ${outcome.implicitBypass}`));
      const envs = tr.insertCell();
      envs.className = "envs";
      const witness = labels.get(outcome.witness) ?? outcome.witness;
      const others = outcome.environments.length - 1;
      envs.textContent = others > 0 ? `${witness} (+${others} more)` : witness;
      envs.title = outcome.environments.map((id) => labels.get(id) ?? id).join("\n");
      const line = tr.insertCell();
      if (outcome.return) {
        const jump = document.createElement("button");
        jump.type = "button";
        jump.className = "where";
        jump.textContent = String(outcome.return.line);
        jump.title = `Go to the return on line ${outcome.return.line}`;
        const at = outcome.return;
        jump.addEventListener("click", () => jumpTo(at.line, at.column));
        line.append(jump);
      }
    });
  }
  const caption = paragraph(
    "muted",
    `${routes.environments.length} environment class${routes.environments.length === 1 ? "" : "es"}` +
      (routes.environmentsTotal > routes.environments.length ? ` of ${routes.environmentsTotal}` : "") +
      `; branch coverage ${routes.coverage.taken}/${routes.coverage.total}. Rows in red send a DO service host to a proxy first.`,
  );
  routesEl.replaceChildren(caption, table);
}

// ---- resolve

let resolveId = 0;

function readQuestion(): ResolveQuestion {
  const data = new FormData(resolveForm);
  const field = (name: string) => String(data.get(name) ?? "");
  return { url: field("url"), clientIp: field("clientIp"), dns: field("dns"), at: field("at"), tz: field("tz") };
}

function writeQuestion(q: ResolveQuestion): void {
  for (const [name, value] of Object.entries(q)) {
    const input = resolveForm.elements.namedItem(name);
    if (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) input.value = value;
  }
}

resolveForm.addEventListener("submit", (event) => {
  event.preventDefault();
  question = readQuestion();
  scheduleHashUpdate();
  const id = nextId++;
  resolveId = id;
  resolveResultEl.dataset.state = "busy";
  delete resolveResultEl.dataset.line;
  resolveResultEl.replaceChildren(paragraph("muted", "Resolving…"));
  send({ kind: "resolve", id, text: view.state.sliceDoc(), profile, question }, (message) => {
    if (id !== resolveId) return;
    resolveResultEl.dataset.state = "error";
    resolveResultEl.replaceChildren(paragraph("error", message));
  });
});

function showResolve(result: ResolveJson, trace: readonly string[]): void {
  resolveResultEl.dataset.state = result.error ? "error" : "done";
  if (result.line !== null) resolveResultEl.dataset.line = String(result.line);
  else delete resolveResultEl.dataset.line;
  const verdict = document.createElement("div");
  verdict.className = "verdict";
  verdict.append(code(result.url), span("arrow", " → "), result.error ? span("error", result.error) : code(result.result ?? "(none)"));
  const parts: HTMLElement[] = [verdict];
  if (result.effective && result.effective !== result.result) parts.push(paragraph("muted", `${result.profile} uses: ${result.effective}`));
  if (result.implicitBypass) parts.push(paragraph("muted", result.implicitBypass));
  if (result.line !== null) {
    const decided = document.createElement("p");
    decided.className = "decided";
    decided.append(`Decided by ${result.entryPoint} on `);
    const jump = document.createElement("button");
    jump.type = "button";
    jump.className = "where";
    jump.dataset.testid = "deciding-line";
    jump.textContent = `line ${result.line}`;
    const line = result.line;
    jump.addEventListener("click", () => jumpTo(line, result.column ?? 1));
    decided.append(jump);
    parts.push(decided);
    if (line <= view.state.doc.lines) view.dispatch({ effects: [setDecided.of(line), EditorView.scrollIntoView(view.state.doc.line(line).from, { y: "center" })] });
  } else view.dispatch({ effects: setDecided.of(null) });
  const env = result.environment;
  parts.push(
    paragraph(
      "muted",
      `Profile ${result.profile}; client ${env.clientIps.join(", ")}; ${Object.keys(env.dns).length} DNS entr${Object.keys(env.dns).length === 1 ? "y" : "ies"}; clock ${env.at} (${env.timeZone})`,
    ),
  );
  if (trace.length > 0) {
    const pre = document.createElement("pre");
    pre.className = "trace";
    pre.textContent = trace.join("\n");
    const details = document.createElement("details");
    details.open = true;
    const title = document.createElement("summary");
    title.textContent = `Trace (${trace.length} helper call${trace.length === 1 ? "" : "s"})`;
    details.append(title, pre);
    parts.push(details);
  }
  resolveResultEl.replaceChildren(...parts);
}

// ---- fix

let fixId = 0;
let fixedText: string | null = null;

fixButton.addEventListener("click", () => {
  const id = nextId++;
  fixId = id;
  fixedText = null;
  fixApplyButton.hidden = true;
  fixMessageEl.textContent = "Computing the fix and proving it changes nothing else…";
  fixDiffEl.replaceChildren();
  send({ kind: "fix", id, text: view.state.sliceDoc(), profile }, (message) => {
    if (id === fixId) fixMessageEl.textContent = message;
  });
});

fixApplyButton.addEventListener("click", () => {
  if (fixedText === null) return;
  setText(fixedText);
  fixedText = null;
  fixApplyButton.hidden = true;
  fixMessageEl.textContent = "Fixed text applied to the editor.";
  fixDiffEl.replaceChildren();
});

function showFix(reply: Extract<Reply, { kind: "fix" }>): void {
  if (reply.id !== fixId) return;
  fixMessageEl.textContent = reply.message.trim();
  fixDiffEl.dataset.status = reply.status;
  fixDiffEl.replaceChildren(
    ...reply.diff.split(/(?<=\n)/).map((line) => {
      const el = document.createElement("span");
      el.className = line.startsWith("+++") || line.startsWith("---") ? "file" : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
      el.textContent = line;
      return el;
    }),
  );
  fixedText = reply.output;
  fixApplyButton.hidden = reply.output === null;
}

// ---- diff: the editor's PAC is OLD, the panel's editor NEW

const diffRunButton = $<HTMLButtonElement>("#diff-run");
const diffReportEl = $<HTMLElement>("#diff-report");
const newView = new EditorView({
  parent: $("#diff-editor"),
  state: EditorState.create({
    doc: "",
    extensions: [lineNumbers(), undoHistory(), bracketMatching(), syntaxHighlighting(defaultHighlightStyle, { fallback: true }), javascript(), keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab])],
  }),
});
let diffId = 0;

$<HTMLButtonElement>("#diff-reset").addEventListener("click", () => copyOldIntoNew());
$<HTMLButtonElement>("#tab-diff").addEventListener("click", () => {
  if (newView.state.doc.length === 0) copyOldIntoNew();
});

function copyOldIntoNew(): void {
  newView.dispatch({ changes: { from: 0, to: newView.state.doc.length, insert: view.state.sliceDoc() } });
}

diffRunButton.addEventListener("click", () => {
  const id = nextId++;
  diffId = id;
  diffReportEl.dataset.state = "busy";
  diffReportEl.replaceChildren(span("muted", "Comparing…"));
  send({ kind: "diff", id, old: view.state.sliceDoc(), now: newView.state.sliceDoc(), profile }, (message) => {
    if (id !== diffId) return;
    diffReportEl.dataset.state = "error";
    diffReportEl.replaceChildren(span("violation", message));
  });
});

function showDiff(reply: Extract<Reply, { kind: "diff" | "diff-error" }>): void {
  if (reply.id !== diffId) return;
  if (reply.kind === "diff-error") {
    diffReportEl.dataset.state = "error";
    diffReportEl.replaceChildren(span("violation", reply.message));
    return;
  }
  diffReportEl.dataset.state = "done";
  diffReportEl.dataset.changes = String(reply.changes);
  diffReportEl.dataset.violations = String(reply.violations);
  diffReportEl.replaceChildren(
    ...reply.report.replace(/\n$/, "").split("\n").map((line, index) => span(index === 0 ? "head" : /^\s*!/.test(line) ? "violation" : "", line)),
  );
}

// ---- tabs, examples, profile, hash

const tabs = [...document.querySelectorAll<HTMLButtonElement>("[role=tab]")];
for (const [index, tab] of tabs.entries()) {
  tab.addEventListener("click", () => selectTab(tab.id));
  // The WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs.
  tab.addEventListener("keydown", (event) => {
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length];
    if (!target) return;
    target.click();
    target.focus();
  });
}
selectTab("tab-problems");

function selectTab(id: string): void {
  for (const tab of tabs) {
    const selected = tab.id === id;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    const panel = document.getElementById(tab.getAttribute("aria-controls") ?? "");
    if (panel) panel.hidden = !selected;
  }
}

for (const [index, example] of examples.entries()) {
  const option = document.createElement("option");
  option.value = String(index);
  option.textContent = example.title;
  examplesEl.append(option);
}
examplesEl.addEventListener("change", () => {
  const example = examples[Number(examplesEl.value)];
  if (example) setText(example.text);
  examplesEl.value = "";
});

profileEl.addEventListener("change", () => {
  profile = profileEl.value === "chromium" ? "chromium" : "winhttp";
  scheduleAnalysis();
});

let hashTimer: ReturnType<typeof setTimeout> | undefined;
/** The hash this page last wrote, so that its own update is not read back as a new link. */
let writtenHash = "";

function currentState(): PageState {
  return { pac: view.state.sliceDoc(), profile, question, watchdogMs: watchdogMs === WATCHDOG_MS ? undefined : watchdogMs };
}

function scheduleHashUpdate(): void {
  if (hashTimer !== undefined) clearTimeout(hashTimer);
  hashTimer = setTimeout(() => {
    void writeHash(currentState()).then((hash) => {
      writtenHash = hash;
      history.replaceState(null, "", hash);
    });
  }, 250);
}

shareButton.addEventListener("click", () => {
  question = readQuestion();
  void writeHash(currentState()).then(async (hash) => {
    writtenHash = hash;
    history.replaceState(null, "", hash);
    const link = location.href;
    try {
      await navigator.clipboard.writeText(link);
      flash(shareButton, "Link copied");
    } catch {
      flash(shareButton, "Link in the address bar");
    }
  });
});

function flash(button: HTMLButtonElement, text: string): void {
  const original = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = original), 1500);
}

window.addEventListener("hashchange", () => {
  if (location.hash === writtenHash) return;
  void applyHash(location.hash);
});

async function applyHash(hash: string): Promise<void> {
  let state: PageState;
  try {
    state = await readHash(hash);
    banner.hidden = true;
  } catch (error) {
    banner.textContent = `${error instanceof Error ? error.message : String(error)}; showing the first example instead.`;
    banner.hidden = false;
    state = await readHash("");
  }
  profile = state.profile;
  profileEl.value = profile;
  question = state.question;
  writeQuestion(question);
  watchdogMs = state.watchdogMs ?? WATCHDOG_MS;
  setText(state.pac ?? examples[0]?.text ?? "");
  // Also when the text did not change (a link to the PAC already shown, or to an empty one).
  scheduleAnalysis();
}

// ---- small DOM helpers

function paragraph(className: string, text: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}

function emptyItem(text: string): HTMLLIElement {
  const li = document.createElement("li");
  li.className = "empty";
  li.textContent = text;
  return li;
}

function span(className: string, text: string): HTMLSpanElement {
  const s = document.createElement("span");
  s.className = className;
  s.textContent = text;
  return s;
}

function code(text: string): HTMLElement {
  const c = document.createElement("code");
  c.textContent = text;
  return c;
}

function tag(role: string, text: string): HTMLElement {
  const t = span(`tag ${role}`, text);
  t.title = `DO catalogue endpoint (${role})`;
  return t;
}

function setStatus(state: "busy" | "ok" | "warning" | "error", text: string): void {
  statusEl.dataset.state = state;
  statusEl.textContent = text;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

// ---- start

setStatus("busy", "Loading the engine…");
try {
  await loadAssets();
  worker = startWorker();
  await applyHash(location.hash);
} catch (error) {
  setStatus("error", `The playground could not start: ${error instanceof Error ? error.message : String(error)}`);
  document.body.dataset.ready = "error";
}
