import assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlobs, expandBraces, MAX_GLOB_EXPANSIONS } from '../../../server/src/config/glob';
import { compileFileFilter } from '../../../server/src/config/fileFilter';
import { fuzzParams } from '../robustness/fuzzHelpers';
import { growthRatio, MAX_LINEAR_RATIO } from '../robustness/growth';

const matches = (glob: string, path: string) => compileGlobs([glob])(path);

describe('config: globs without regexes', () => {
  it('matches the glob syntax the docs promise', () => {
    assert.ok(matches('**/*.md', 'a.md'));
    assert.ok(matches('**/*.md', 'a/b/c.md'));
    assert.ok(matches('**/*.md', '.github/x.md'));
    assert.ok(!matches('**/*.md', 'a/b.txt'));
    assert.ok(matches('*.md', 'a.md'));
    assert.ok(!matches('*.md', 'a/b.md'));
    assert.ok(matches('drafts/**', 'drafts/x.md'));
    assert.ok(matches('drafts/**', 'drafts/a/b/x.md'));
    assert.ok(!matches('drafts/**', 'other/drafts.md'));
    assert.ok(matches('**/templates/**', 'a/templates/b/c.md'));
    assert.ok(matches('**/templates/**', 'templates/c.md'));
    assert.ok(matches('a/**/b/*.md', 'a/b/x.md'));
    assert.ok(matches('a/**/b/*.md', 'a/x/y/b/x.md'));
    assert.ok(!matches('a/**/b/*.md', 'a/x/y/c/x.md'));
    assert.ok(matches('QG_?.md', 'QG_a.md'));
    assert.ok(!matches('QG_?.md', 'QG_ab.md'));
    assert.ok(matches('[a-c]*.md', 'b.md'));
    assert.ok(!matches('[!a-c]*.md', 'b.md'));
    assert.ok(matches('[^a-c]*.md', 'x.md'));
    assert.ok(matches('**/*.{md,markdown}', 'a/b.markdown'));
    assert.ok(matches('{docs,assessment/{a,b}}/**', 'assessment/b/x.md'));
    assert.ok(matches('\\*.md', '*.md'));
    assert.ok(!matches('\\*.md', 'a.md'));
    assert.ok(matches('[ab', '[ab'));
  });

  it('parentheses, plus signs and other regex syntax are literal', () => {
    assert.ok(matches('**/(a+)+x', 'd/(a+)+x'));
    assert.ok(!matches('**/(a+)+x', 'd/aaax'));
    assert.ok(matches('QG_Data_(Lifecycle).md', 'QG_Data_(Lifecycle).md'));
    assert.ok(matches('a.md', 'a.md'));
    assert.ok(!matches('a.md', 'abmd'));
  });

  it('agrees with picomatch on ordinary globs', () => {
    const segment = fc.constantFrom('a', 'b', 'ab', 'x', 'a.md', 'b.md', 'c.txt', '.a.md');
    const globSegment = fc.constantFrom('*', '**', 'a*', '*.md', '?', 'a', 'b.md', '[ab]*', '*[a-b]', '*.{md,txt}');
    fc.assert(
      fc.property(fc.array(globSegment, { minLength: 1, maxLength: 4 }), fc.array(segment, { minLength: 1, maxLength: 4 }), (g, p) => {
        const glob = g.join('/');
        const path = p.join('/');
        // picomatch lets `a/**` match `a` but `[ab]*/**` not `a`: we match the folder itself in both.
        fc.pre(!(glob.endsWith('/**') && p.length < g.length));
        assert.equal(matches(glob, path), picomatch(glob, { dot: true })(path), `${glob} ~ ${path}`);
      }),
      fuzzParams(500),
    );
  });

  it('brace expansion is capped', () => {
    assert.deepEqual(expandBraces('{a,b}/{c,d}', 10), ['a/c', 'a/d', 'b/c', 'b/d']);
    assert.equal(expandBraces('{a,b}'.repeat(40), MAX_GLOB_EXPANSIONS).length, MAX_GLOB_EXPANSIONS);
    // 2^40 alternatives: the first 256 count, the list still works.
    assert.ok(compileGlobs(['{a,b}'.repeat(40), '*.md'])('x.md'));
  });

  it('hostile globs take work linear in the path ("**/(a+)+x", stars, globstars, braces)', () => {
    const hostile = ['**/(a+)+x', '*a*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/x', `${'{a,b}'.repeat(30)}`, `**/${'*'.repeat(500)}b`];
    const filter = compileFileFilter({ include: ['**/*'], exclude: hostile });
    const { ratio, small, large } = growthRatio(
      (n) => Array.from({ length: 50 }, (_, i) => `${'a/'.repeat(n / 50)}${'a'.repeat(n)}${i}`),
      (paths) => paths.forEach((p) => filter(p)),
      400,
    );
    assert.ok(ratio < MAX_LINEAR_RATIO * 2, `4x the path took ${ratio.toFixed(1)}x (${small.toFixed(1)} -> ${large.toFixed(1)} ms)`);
  });
});
