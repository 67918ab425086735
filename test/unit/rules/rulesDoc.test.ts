import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../../server/src/domain/codes';

const RULES_MD = join(__dirname, '../../../docs/rules.md');

/** The entry of one code: from its `## \`code\`` heading to the next `## ` heading outside code fences. */
function entries(text: string): Map<string, { severity: string; body: string }> {
  const result = new Map<string, { severity: string; body: string }>();
  let current: { code: string; severity: string; lines: string[] } | undefined;
  let fenced = false;
  const close = () => current && result.set(current.code, { severity: current.severity, body: current.lines.join('\n') });
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && line.startsWith('## ')) {
      close();
      const match = /^## `([a-z.-]+)` \(([a-z]+)\)\s*$/.exec(line);
      current = match ? { code: match[1], severity: match[2], lines: [] } : undefined;
      continue;
    }
    current?.lines.push(line);
  }
  close();
  return result;
}

describe('docs/rules.md: one complete entry per diagnostic code (SARIF help links point there)', () => {
  const doc = entries(readFileSync(RULES_MD, 'utf8'));

  for (const code of Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]) {
    it(`${code}: heading with its default severity, what, why it matters, how to fix, an example`, () => {
      const entry = doc.get(code);
      assert.ok(entry, `no "## \`${code}\` (severity)" entry`);
      assert.equal(entry.severity, DIAGNOSTIC_CODES[code].severity, 'the severity in the heading is the default severity');
      const what = entry.body.split('\n**')[0].trim();
      assert.ok(what.length >= 40, 'a paragraph saying what the rule finds comes first');
      assert.match(entry.body, /\*\*Why it matters:\*\* \S/);
      assert.match(entry.body, /\*\*How to fix:\*\* \S/);
      assert.match(entry.body, /\n```\n[\s\S]*?\S[\s\S]*?\n```/, 'an example in a fenced block');
    });
  }

  it('has no entry for a code that does not exist', () => {
    assert.deepEqual(
      [...doc.keys()].filter((code) => !(code in DIAGNOSTIC_CODES)),
      [],
    );
  });
});
