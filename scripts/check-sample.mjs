// `npm run check`: runs the checker over the bundled sample assessment as a user
// would, then confirms it found exactly the sample's deliberate broken traces
// (listed in EXPECTED.json). Exits 0 when it did, so the command doubles as a smoke test.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sample = join(root, 'test-fixtures', 'sample-assessment');
const cli = join(root, 'dist', 'cli.js');

console.log(`$ mqg4ai check ${sample}`);
const text = spawnSync(process.execPath, [cli, 'check', sample], { stdio: 'inherit' });
if (text.status !== 1) {
  console.error(`\nExpected exit status 1 (the sample has deliberate broken traces), got ${text.status}.`);
  process.exit(1);
}

const json = spawnSync(process.execPath, [cli, 'check', sample, '--format', 'json'], { encoding: 'utf8' });
const found = JSON.parse(json.stdout)
  .diagnostics.filter((d) => d.code.startsWith('link.') && d.severity === 'error')
  .map((d) => `${d.file}:${(d.link ?? d.range).start.line + 1} ${d.code} ${d.target ?? ''}`)
  .sort();
const expected = JSON.parse(readFileSync(join(sample, 'EXPECTED.json'), 'utf8'))
  .broken.map((b) => `${b.file}:${b.line} ${b.code} ${b.destination}`)
  .sort();
if (JSON.stringify(found) !== JSON.stringify(expected)) {
  console.error('\nThe findings differ from test-fixtures/sample-assessment/EXPECTED.json:');
  console.error(`  found:    ${JSON.stringify(found, null, 2)}\n  expected: ${JSON.stringify(expected, null, 2)}`);
  process.exit(1);
}
console.log(`\nOK: the sample's ${expected.length} deliberate broken traces were found, and no other broken link.`);
