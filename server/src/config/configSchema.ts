import { DIAGNOSTIC_CODES } from '../domain/codes';
import { LIMIT_KEYS } from './limits';

const SEVERITY_OR_OFF = { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'] };
const GLOBS = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };

/**
 * The JSON schema of the project configuration file. Built from code so the
 * rule codes it lists are always the registry's; shipped as
 * schemas/mqg4ai.schema.json for editors and validated against at load time.
 */
export function buildConfigSchema(): Record<string, unknown> {
  const rules = Object.fromEntries(
    Object.entries(DIAGNOSTIC_CODES).map(([code, info]) => [code, { ...SEVERITY_OR_OFF, description: `${info.summary} Default: ${info.severity}.` }]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://mqg4ai.github.io/schemas/mqg4ai.schema.json',
    title: 'MQG4AI project configuration (.mqg4ai.yaml / .mqg4ai.json)',
    description: 'Shared by the VS Code extension and the mqg4ai command line. Values here take precedence over VS Code settings.',
    type: 'object',
    additionalProperties: false,
    properties: {
      include: { ...GLOBS, description: 'Globs (relative to the workspace folder) of Markdown files to check. Default: ["**/*.md", "**/*.markdown"].' },
      exclude: { ...GLOBS, description: 'Globs of files not to check (they still count as link targets). Default: [].' },
      rules: {
        type: 'object',
        description: 'Severity per rule code, or "off".',
        properties: rules,
        additionalProperties: false,
      },
      requiredSections: {
        type: 'object',
        additionalProperties: false,
        description: 'Template sections a document must have, by heading text. Default: every section of the template.',
        properties: {
          leafQg: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Required Leaf-QG sections, e.g. ["Related QGs", "Dimension 1: Content"].',
          },
          risk: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Required risk document sections, e.g. ["Risk analysis", "Risk control"].',
          },
        },
      },
      externalLinks: {
        type: 'string',
        enum: ['ignore', 'syntax'],
        description: 'External links are never fetched. "syntax" reports web links that are not valid URLs; "ignore" (default) skips them.',
      },
      traceRoots: {
        ...GLOBS,
        description:
          'Folders (relative to the workspace folder) that are MQG4AI tree roots. Default: every folder holding 1_System, 2_Lifecycle or 3_RiskManagement.',
      },
      assessments: {
        type: 'object',
        additionalProperties: false,
        description:
          'The assessments of the repository: the design knowledge and one folder per application version. Detected from the MQG4AI layout; declare or correct them here.',
        properties: {
          detect: {
            type: 'boolean',
            description: 'Detect assessments from the folder layout (default true). false: only the folders listed under `folders` are assessments.',
          },
          allowLinksInto: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Assessments (by ID or folder, or "design-knowledge" for every design-knowledge assessment) that any application may link into without a trace.cross-assessment warning. Default: ["design-knowledge"].',
          },
          folders: {
            type: 'array',
            description: 'Assessment folders declared or corrected by hand; an entry for a detected folder overrides what was detected.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['folder'],
              properties: {
                folder: { type: 'string', minLength: 1, description: 'The assessment root, relative to the workspace folder.' },
                id: { type: 'string', minLength: 1, pattern: '^[^\\s/]+$', description: 'Short ID (no spaces or slashes). Default: the folder name.' },
                label: { type: 'string', minLength: 1, description: 'Name shown to users. Default: the folder name.' },
                kind: {
                  type: 'string',
                  enum: ['design-knowledge', 'application'],
                  description: 'Default: design-knowledge for a folder named like MQG4DesignKnowledge / MQG4DK, else application.',
                },
                basedOn: {
                  type: ['string', 'null'],
                  description: 'ID or folder of the assessment this one is a copy or later version of; null: none. Default: detected by name and content.',
                },
                allowLinksInto: {
                  type: 'array',
                  items: { type: 'string', minLength: 1 },
                  uniqueItems: true,
                  description: 'Assessments this one may link into as well (IDs, folders or "design-knowledge").',
                },
                ignore: { type: 'boolean', description: 'true: this folder is not an assessment even if it looks like one.' },
              },
            },
          },
        },
      },
      report: {
        type: 'object',
        additionalProperties: false,
        properties: {
          format: { type: 'string', enum: ['md', 'html', 'json'], description: 'Default format of the coverage report.' },
          output: { type: 'string', description: 'Default file of the coverage report, relative to the workspace folder.' },
          minAltai: { type: 'number', minimum: 0, maximum: 100, description: 'Minimum ALTAI coverage in percent for `mqg4ai coverage` to pass.' },
        },
      },
      packs: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description:
          'Assessment packs to enable: altai, secure-ai-dev, amlas, ai-act (built in; see docs/packs.md). Packs from questionPacks files are enabled by listing the file. Default: ["altai"].',
      },
      questionPacks: {
        ...GLOBS,
        description:
          "Files (relative to the workspace folder) holding a team's own assessment packs, JSON or YAML in the pack format (schemas/mqg4ai-pack.schema.json).",
      },
      limits: {
        type: 'object',
        additionalProperties: false,
        description:
          'Resource limits of the index; every limit that is hit is reported (docs/security.md). In an untrusted workspace a limit can only be lowered.',
        properties: Object.fromEntries(
          LIMIT_KEYS.map((l) => [l.key, { type: l.integer ? 'integer' : 'number', minimum: l.minimum, description: l.description }]),
        ),
      },
      glossary: {
        type: 'array',
        description: 'Terms added to the built-in glossary (shown on hover).',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['term', 'definition'],
          properties: {
            term: { type: 'string', minLength: 1 },
            definition: { type: 'string', minLength: 1 },
            aliases: { type: 'array', items: { type: 'string', minLength: 1 } },
          },
        },
      },
    },
  };
}
