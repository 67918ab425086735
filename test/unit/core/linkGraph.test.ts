import assert from 'node:assert/strict';
import { LinkGraph } from '../../../server/src/workspace/linkGraph';
import { sorted } from '../helpers';

describe('core/workspace/LinkGraph', () => {
  it('records outgoing and incoming edges, without duplicates', () => {
    const graph = new LinkGraph();
    graph.setLinks('/a.md', ['/b.md', '/c.md', '/b.md']);
    graph.setLinks('/d.md', ['/b.md']);
    assert.deepEqual(sorted(graph.targetsOf('/a.md')), ['/b.md', '/c.md']);
    assert.deepEqual(sorted(graph.sourcesOf('/b.md')), ['/a.md', '/d.md']);
    assert.deepEqual(sorted(graph.sourcesOf('/c.md')), ['/a.md']);
  });

  it('drops self-edges', () => {
    const graph = new LinkGraph();
    graph.setLinks('/a.md', ['/a.md', '/b.md']);
    assert.deepEqual(sorted(graph.targetsOf('/a.md')), ['/b.md']);
    assert.deepEqual(sorted(graph.sourcesOf('/a.md')), []);
  });

  it('setLinks replaces the previous edges of a source', () => {
    const graph = new LinkGraph();
    graph.setLinks('/a.md', ['/b.md']);
    graph.setLinks('/a.md', ['/c.md']);
    assert.deepEqual(sorted(graph.sourcesOf('/b.md')), []);
    assert.deepEqual(sorted(graph.sourcesOf('/c.md')), ['/a.md']);
  });

  it('removeSource forgets a source and leaves others alone', () => {
    const graph = new LinkGraph();
    graph.setLinks('/a.md', ['/t.md']);
    graph.setLinks('/b.md', ['/t.md']);
    graph.removeSource('/a.md');
    graph.removeSource('/never-added.md');
    assert.deepEqual(sorted(graph.sourcesOf('/t.md')), ['/b.md']);
    assert.deepEqual(sorted(graph.targetsOf('/a.md')), []);
  });

  it('keeps edges to paths that do not exist', () => {
    const graph = new LinkGraph();
    graph.setLinks('/a.md', ['/future/x.md']);
    assert.deepEqual(sorted(graph.sourcesOf('/future/x.md')), ['/a.md']);
  });
});
