/**
 * The layers of the server (docs/architecture.md), enforced in `npm test`.
 * Lower layers never import higher ones; lsp and cli are the only entry points.
 */
const LAYERS = ['base', 'syntax', 'domain', 'config', 'workspace', 'analysis', 'features', 'render', 'engine'];
const layerPath = (name) => `^server/src/${name}/`;

/** One rule per layer: it may not import any layer above it, nor the entry points. */
const upward = LAYERS.map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `server/src/${layer} may only import ${LAYERS.slice(0, i + 1).join(', ')} (and protocol/)`,
  severity: 'error',
  from: { path: layerPath(layer) },
  to: { path: [...LAYERS.slice(i + 1).map(layerPath), '^server/src/(lsp|cli)/', '^client/'] },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment: 'Imports form no cycles, at module level.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'Every module is used (entry points and declaration files excepted).',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: ['\\.d\\.ts$', '^server/src/(lsp/main|cli/main|workspace/parsing/parseWorker)\\.ts$', '^client/src/extension\\.ts$'],
      },
      to: {},
    },
    {
      name: 'lsp-only-imports-languageserver',
      comment: 'Only server/src/lsp speaks LSP: vscode-languageserver* stays out of the engine.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: '^server/src/lsp/' },
      to: { path: 'node_modules/vscode-languageserver' },
    },
    {
      name: 'engine-has-no-editor',
      comment: 'Nothing on the server side imports vscode or the language client.',
      severity: 'error',
      from: { path: '^(server/src|protocol)/' },
      to: { path: ['node_modules/@types/vscode/', 'node_modules/vscode-languageclient'] },
    },
    {
      name: 'lsp-and-cli-are-separate',
      comment: 'The LSP server and the CLI are two thin shells over the engine; neither imports the other.',
      severity: 'error',
      from: { path: '^server/src/lsp/' },
      to: { path: '^server/src/cli/' },
    },
    {
      name: 'cli-not-lsp',
      severity: 'error',
      from: { path: '^server/src/cli/' },
      to: { path: '^server/src/lsp/' },
    },
    {
      name: 'client-talks-protocol-only',
      comment: 'The client reaches the server only through the shared protocol module.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    {
      name: 'protocol-is-a-leaf',
      comment: 'The protocol module is plain types and names: it imports nothing of ours.',
      severity: 'error',
      from: { path: '^protocol/' },
      to: { path: '^(server|client)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
