/**
 * `pac-do diff`'s worker thread: NEW's side of the diff (parse, collect, then the route analysis over
 * the plan the main thread makes from both sides), while the main thread does OLD's. The messages
 * are parallel.ts's `ToWorker` and `FromWorker`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { useCompiledQuickJS } from "../evaluate/quickjs.js";
import { localSide } from "./diff.js";
import type { FromWorker, ToWorker, WorkerData } from "./parallel.js";

const port = parentPort;
if (port) {
  const { source, options } = workerData as WorkerData;
  const side = localSide(source, "NEW", options);
  const reply = (message: FromWorker): void => port.postMessage(message);
  port.on("message", (message: ToWorker) => {
    const step = async (): Promise<FromWorker> => {
      if (message.type === "prepare") return { type: "prepared", prepared: await side.prepare(new Set(message.changed)) };
      if (message.wasm !== undefined) useCompiledQuickJS(message.wasm);
      return { type: "analysed", analysis: await side.analyze(message.classes, message.queries) };
    };
    step().then(reply, (error: unknown) => reply({ type: "error", message: error instanceof Error ? error.message : String(error) }));
  });
}
