// Parses each file named on the command line with the mermaid package's own parser (mermaid.parse, under a
// jsdom window: mermaid's sanitizer needs a DOM) and prints one JSON line per file: {"file", "ok", "error",
// "type"}. Exit status 0 when every file parses, 1 otherwise. Used by tests/test_deployment_pictures.py.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
// GitHub's limits by default (mermaid's own: 500 edges, 50,000 characters); MERMAID_MAX_EDGES and
// MERMAID_MAX_TEXT raise them, to check the syntax of a larger graph
mermaid.initialize({
  startOnLoad: false,
  securityLevel: "strict",
  maxEdges: Number(process.env.MERMAID_MAX_EDGES || 500),
  maxTextSize: Number(process.env.MERMAID_MAX_TEXT || 50000),
});

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const result = await mermaid.parse(readFileSync(file, "utf8"));
    console.log(JSON.stringify({ file, ok: true, type: result.diagramType }));
  } catch (error) {
    failed += 1;
    console.log(JSON.stringify({ file, ok: false, error: String((error && error.message) || error) }));
  }
}
process.exit(failed ? 1 : 0);
