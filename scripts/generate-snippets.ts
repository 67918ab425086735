// Writes snippets/mqg4ai.code-snippets.json from the ALTAI catalogue and the two
// document templates (logic in scripts/snippetGenerator.ts). Part of `npm run build`;
// run alone with `npm run generate:snippets`. `--check` only reports whether the
// committed file is current (exit code 1 if not). Never edit the output by hand.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { REGENERATE_COMMAND, SNIPPETS_FILE, generateSnippets, renderSnippetsFile } from './snippetGenerator';

const output = resolve(__dirname, '..', SNIPPETS_FILE);
const snippets = generateSnippets();
const text = renderSnippetsFile(snippets);
const current = existsSync(output) ? readFileSync(output, 'utf8') : undefined;

if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error(`${SNIPPETS_FILE} is out of date: run \`${REGENERATE_COMMAND}\`.`);
    process.exit(1);
  }
  console.log(`${SNIPPETS_FILE} is up to date (${Object.keys(snippets).length} snippets).`);
} else if (current === text) {
  console.log(`${SNIPPETS_FILE} is up to date (${Object.keys(snippets).length} snippets).`);
} else {
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, text);
  console.log(`Wrote ${SNIPPETS_FILE} (${Object.keys(snippets).length} snippets).`);
}
