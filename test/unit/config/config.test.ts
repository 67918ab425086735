import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildConfigSchema } from '../../../server/src/config/configSchema';
import { compileFileFilter } from '../../../server/src/config/fileFilter';
import { DEFAULT_CONFIG, effectiveSeverity, mergeConfig, parseConfigText } from '../../../server/src/config/projectConfig';
import { readSuppressions } from '../../../server/src/domain/suppressions';
import { DIAGNOSTIC_CODES } from '../../../server/src/domain/codes';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { contributedSettings, type SettingsSection } from '../../helpers/packageSettings';

const root = resolve(__dirname, '../../..');

describe('config: project configuration file, schema and settings', () => {
  it('ships a schema identical to the one built from the rule registry (run `npm run generate:schema` when this fails)', () => {
    const committed = JSON.parse(readFileSync(resolve(root, 'schemas/mqg4ai.schema.json'), 'utf8'));
    assert.deepEqual(committed, buildConfigSchema());
  });

  it('contributes settings that offer every rule code, and the schema for .mqg4ai.yaml/.json', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    const settings = contributedSettings(pkg);
    const rules = settings['mqg4ai.rules'];
    assert.deepEqual(Object.keys(rules.properties!).sort(), Object.keys(DIAGNOSTIC_CODES).sort());
    assert.deepEqual(pkg.contributes.jsonValidation, [
      { fileMatch: '.mqg4ai.json', url: './schemas/mqg4ai.schema.json' },
      { fileMatch: ['*.mqg4ai-pack.json'], url: './schemas/mqg4ai-pack.schema.json' },
    ]);
    assert.equal(pkg.contributes.yamlValidation[0].url, './schemas/mqg4ai.schema.json');
    for (const [key, value] of Object.entries(settings)) {
      assert.ok(key.startsWith('mqg4ai.'), key);
      assert.ok(value.description || value.markdownDescription, `${key} has a description`);
      if (key !== 'mqg4ai.trace.server') assert.equal(value.scope, 'resource', `${key} can differ per folder`);
    }
  });

  it('groups the settings for the Settings UI: rules first, the low-level limits last; mqg4ai.rules editable there', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { contributes: { configuration: SettingsSection[] } };
    const sections = pkg.contributes.configuration;
    assert.ok(Array.isArray(sections));
    assert.deepEqual(
      [...sections].sort((a, b) => a.order! - b.order!).map((s) => s.title),
      ['Rules', 'Assessments', 'Coverage and report', 'Editing', 'Advanced: limits and tracing'],
    );
    for (const section of sections) {
      const orders = Object.values(section.properties).map((p) => p.order);
      assert.deepEqual(
        orders,
        orders.map((_, i) => i + 1),
        `${section.title}: every setting has its order`,
      );
    }
    assert.ok(
      Object.keys(sections.find((s) => s.title.startsWith('Advanced'))!.properties).every((k) => k.startsWith('mqg4ai.limits.') || k === 'mqg4ai.trace.server'),
    );
    // VS Code's Settings UI edits an object setting in place when it allows no other keys and every
    // value is a simple type (an enum of strings here); otherwise it offers only "Edit in settings.json".
    const rules = contributedSettings(pkg)['mqg4ai.rules'];
    assert.equal(rules.type, 'object');
    assert.equal(rules.additionalProperties, false);
    for (const [code, schema] of Object.entries(rules.properties!)) {
      assert.equal(schema.type, 'string', code);
      assert.deepEqual(schema.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
      assert.equal((schema.enumDescriptions as string[]).length, 5, code);
    }
  });

  it('accepts a valid YAML and JSON configuration without problems', () => {
    const yaml = parseConfigText(
      'include: ["docs/**/*.md"]\nrules:\n  doc.orphan: off\n  link.missing-anchor: warning\nexternalLinks: syntax\nreport: {format: html, minAltai: 60}\n',
    );
    assert.deepEqual(yaml.problems, []);
    assert.deepEqual(yaml.layer.rules, { 'doc.orphan': 'off', 'link.missing-anchor': 'warning' });
    const json = parseConfigText('{"exclude": ["drafts/**"], "traceRoots": ["MQG4Application/v1"]}');
    assert.deepEqual(json.problems, []);
    assert.deepEqual(json.layer.traceRoots, ['MQG4Application/v1']);
  });

  it('reports each invalid entry at its key and drops only that entry', () => {
    const text = 'exclude: drafts\nrules:\n  link.empty: sometimes\nunknown: 1\n';
    const { layer, problems } = parseConfigText(text);
    assert.deepEqual(problems.map((p) => p.range.start.line).sort(), [0, 2, 3]);
    assert.match(problems.find((p) => p.range.start.line === 2)!.message, /must be one of "error", "warning", "information", "hint", "off"/);
    assert.equal(layer.exclude, undefined);
    assert.equal(layer.rules, undefined);
  });

  it('reports broken YAML once, at its position, and yields an empty layer', () => {
    const { layer, problems } = parseConfigText('rules: {doc.orphan: off\n');
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /Not valid YAML/);
    assert.deepEqual(layer, {});
  });

  it('merges defaults < settings < file, rules per code', () => {
    const config = mergeConfig({ rules: { 'doc.orphan': 'warning', 'link.empty': 'hint' }, externalLinks: 'syntax' }, { rules: { 'doc.orphan': 'off' } });
    assert.deepEqual(config.rules, { 'doc.orphan': 'off', 'link.empty': 'hint' });
    assert.equal(config.externalLinks, 'syntax');
    assert.deepEqual(config.include, DEFAULT_CONFIG.include);
    assert.equal(effectiveSeverity(config, 'doc.orphan'), 'off');
    assert.equal(effectiveSeverity(config, 'link.missing-file'), 'error');
  });

  it('filters files by include and exclude globs, dot folders included', () => {
    const filter = compileFileFilter({ include: ['**/*.md'], exclude: ['drafts/**', '**/CHANGELOG.md'] });
    assert.equal(filter('docs/a.md'), true);
    assert.equal(filter('.github/notes.md'), true);
    assert.equal(filter('drafts/x.md'), false);
    assert.equal(filter('a/CHANGELOG.md'), false);
    assert.equal(filter('docs/a.txt'), false);
  });

  it('reads next-line and file suppressions with codes and reasons', () => {
    const doc = parseDocument(
      '/ws/a.md',
      '# A\n\n<!-- mqg4ai-disable-next-line link.missing-file, link.empty -- waiting for the vendor -->\n[x](gone.md)\n\n<!-- mqg4ai-disable-file doc.orphan -->\n',
    );
    assert.deepEqual(doc.suppressions, [
      { scope: 'next-line', codes: ['link.missing-file', 'link.empty'], reason: 'waiting for the vendor', line: 2, appliesToLine: 3 },
      { scope: 'file', codes: ['doc.orphan'], reason: undefined, line: 5, appliesToLine: 6 },
    ]);
    assert.deepEqual(
      readSuppressions(
        '<!--\nmqg4ai-disable-next-line -- multi-line\n-->',
        10,
        (o) => '<!--\nmqg4ai-disable-next-line -- multi-line\n-->'.slice(0, o).split('\n').length - 1,
      )[0].appliesToLine,
      13,
    );
  });
});
