import catalogueData from '../../../data/altai.json';
import { questionKey } from './questionBlocks';
import { lazy } from '../../base/memo';

/** Where a catalogue entry comes from: ALTAI's own text, or the MQG4AI methodology's. */
export type QuestionOrigin = 'altai' | 'mqg4ai';

/**
 * What a catalogue entry is, stated in the data (server/data/altai.json), never guessed:
 * - `question`: an ALTAI question; counted in coverage;
 * - `option`: an answer option of an ALTAI choose-list ("choose as many as appropriate:",
 *   "... such as:", "any of the following measures"): answered with its question, not counted;
 * - `mqg4ai-question`: one of the MQG4AI methodology's additional questions; counted;
 * - `note`: text MQG4AI wrote into an ALTAI list (a cross-reference); not an ALTAI item, not counted.
 */
export type QuestionKind = 'question' | 'option' | 'mqg4ai-question' | 'note';

export interface CatalogueQuestion {
  /** Stable ID: `<REQ>.<section>.<n>[.<m>...]`, additional questions `<REQ>.<section>.A<n>` (test/unit/altai/catalogue-ids.snapshot.json). */
  readonly id: string;
  readonly text: string;
  /** ID of the parent question, for sub-questions and options. */
  readonly parent?: string;
  readonly kind: QuestionKind;
}

/** What hovers and completion call an entry of each kind. */
export const KIND_LABELS: Readonly<Record<QuestionKind, string>> = {
  question: 'ALTAI question',
  option: 'ALTAI answer option',
  'mqg4ai-question': 'MQG4AI question',
  note: 'MQG4AI note',
};

/** Whether an entry is a question that coverage counts: an ALTAI question or an MQG4AI question. */
export function isQuestion(entry: Pick<CatalogueQuestion, 'kind'>): boolean {
  return entry.kind === 'question' || entry.kind === 'mqg4ai-question';
}

/** Who wrote the entry's text. */
export function originOf(entry: Pick<CatalogueQuestion, 'kind'>): QuestionOrigin {
  return entry.kind === 'question' || entry.kind === 'option' ? 'altai' : 'mqg4ai';
}

/**
 * The block of a requirement document that quotes the entry: `altai` (the `ALTAI:` list, which in
 * MQG4AI's documents also holds the note) or `additional` (`Additional Questions:`).
 */
export function blockOf(entry: Pick<CatalogueQuestion, 'kind'>): 'altai' | 'additional' {
  return entry.kind === 'mqg4ai-question' ? 'additional' : 'altai';
}

export interface CatalogueSection {
  /** `<REQ>.<section-slug>` */
  readonly id: string;
  readonly title: string;
  readonly questions: readonly CatalogueQuestion[];
}

export interface CatalogueRequirement {
  /** Short code: HAO, TRS, PDG, TRA, DNF, SEW, ACC. */
  readonly id: string;
  /** The front-matter Name of its document, e.g. `TechnicalRobustnessSafety`. */
  readonly name: string;
  /** Human title, e.g. "Technical Robustness and Safety". */
  readonly title: string;
  readonly definition: string;
  readonly sections: readonly CatalogueSection[];
}

export interface Catalogue {
  readonly source: string;
  readonly attribution: string;
  readonly requirements: readonly CatalogueRequirement[];
}

/** A question with its place in the catalogue. */
export interface QuestionEntry {
  readonly requirement: CatalogueRequirement;
  readonly section: CatalogueSection;
  readonly question: CatalogueQuestion;
}

/**
 * The ALTAI catalogue shipped with the extension (server/data/altai.json),
 * with lookups by ID, by requirement name and by question text.
 */
export class QuestionCatalogue {
  private readonly byId = new Map<string, QuestionEntry>();
  private readonly byKey = new Map<string, QuestionEntry[]>();

  constructor(readonly data: Catalogue) {
    for (const requirement of data.requirements) {
      for (const section of requirement.sections) {
        for (const question of section.questions) {
          const entry = { requirement, section, question };
          this.byId.set(question.id, entry);
          const key = questionKey(question.text);
          this.byKey.set(key, [...(this.byKey.get(key) ?? []), entry]);
        }
      }
    }
  }

  get requirements(): readonly CatalogueRequirement[] {
    return this.data.requirements;
  }

  question(id: string): QuestionEntry | undefined {
    return this.byId.get(id);
  }

  /** Entries whose text matches (ignoring case, quotes, spacing, final punctuation). */
  findByText(text: string): readonly QuestionEntry[] {
    return this.byKey.get(questionKey(text)) ?? [];
  }

  /** The requirement a document's front-matter Name (or file stem) names, suffixes allowed. */
  requirementFor(name: string | undefined): CatalogueRequirement | undefined {
    if (!name) return undefined;
    return this.data.requirements.find((r) => name === r.name || name.startsWith(`${r.name}_`));
  }

  /** A section of a requirement by its heading text, compared loosely. */
  sectionFor(requirement: CatalogueRequirement, heading: string): CatalogueSection | undefined {
    const wanted = sectionKey(heading);
    return requirement.sections.find((s) => sectionKey(s.title) === wanted);
  }

  *allQuestions(): Iterable<QuestionEntry> {
    yield* this.byId.values();
  }
}

function sectionKey(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** The built-in ALTAI catalogue, loaded once. */
export const altaiCatalogue = lazy(() => new QuestionCatalogue(catalogueData as Catalogue));
