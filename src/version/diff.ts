/**
 * Longer than ~350 lines for now: one walk pairs old and new items at every level (modules,
 * sections, steps, schedule, glossary) with the same matching rules; splitting it per level is
 * queued behind the paper-size and cascade work that also touches the change log.
 *
 * Semantic diff of two versions of a curriculum: not text lines but modules, sections, steps,
 * durations, references, the schedule and the glossary. Both sides are validated data, so a
 * reordered YAML key or a reformatted line (same data) is no change; texts are compared as read
 * (whitespace from reformatting does not count) and Markdown as it renders.
 *
 * Which old item is which new item:
 * - Modules: the same `id` is the same module; a new `title` is reported as `renamed` (field
 *   "title"). A module whose id disappeared and one whose id appeared are one module renamed
 *   (field "id") when their content apart from the id is identical, or failing that when their
 *   titles are the same; then the rest of their content is compared as usual. Anything else is
 *   `removed` + `added`.
 * - Sections, activities, questions, slides, principles, pledges: matched by title (question text,
 *   name) in order; between two matched items, a removed and an added one that are alike are one
 *   item renamed or changed; one found at another place has moved (`changed`, field "order").
 * - Steps and other list items (key points, objectives, instructions …): equal items in order are
 *   unchanged; a reworded item at the same place is `changed` with before → after.
 * - References, glossary entries, audiences and signatories: a set (order does not count), by
 *   regulation kind/number/year, term, id.
 * - Schedule days by date (left-over days in order: a date change), items by module (through a
 *   module's id rename) or activity name.
 */
import { labelsFor, letter, formatDayDate, roman, type Labels, type Language } from '../locale/index.js';
import type { Activity, ModuleFile, Pledge, Principle, Question, Reference, ScheduleDay, ScheduleItem, Section, Slide, Step } from '../curriculum/schema.js';
import { alignLists, canonical, leafText, markMoves, matchByKeys, normText, sameMarkdown, sameText, type Pair } from './diff-align.js';
import { diffLabels, type DiffLabels } from '../locale/diff-labels.js';
import type { ChangeKind, ChangeScope, CurriculumChange, DiffSide } from './diff-types.js';

export type { ChangeKind, ChangeScope, CurriculumChange, CurriculumVersion, DiffSide, RevisionInfo, SideSummary } from './diff-types.js';
export { readCurriculumAt } from './diff-read.js';
export { changesMarkdown, changesText, changesJson, diffReport, sideSummary, type DiffReport, type ChangelogTarget } from './diff-format.js';

/** The changes that turn curriculum `a` into curriculum `b`, in document order. */
export function diffCurricula(a: DiffSide, b: DiffSide): CurriculumChange[] {
  const d = new Differ(b.language ?? 'id');
  d.curriculum(a, b);
  return d.out;
}

/** Keys that are not curriculum content (added by loaders). */
const NOT_CONTENT = ['$schema', 'root', 'file', 'assets', 'source'];

type Same = (a: string | undefined, b: string | undefined) => boolean;

interface SequenceOptions<T> {
  scope: ChangeScope;
  field: string;
  /** Path of the list's owner. */
  parent: string;
  /** Word for one item: "langkah", "poin kunci". */
  word: string;
  as: readonly T[];
  bs: readonly T[];
  render: (x: T) => string;
  key?: (x: T) => string;
  module?: string;
  markdown?: boolean;
}

class Differ {
  readonly out: CurriculumChange[] = [];
  private readonly l: DiffLabels;
  private readonly labels: Labels;
  /** Old module id → new module id, for schedule items. */
  private readonly moduleIds = new Map<string, string>();

  constructor(private readonly lang: Language) {
    this.l = diffLabels(lang);
    this.labels = labelsFor(lang);
  }

  private push(c: CurriculumChange): void {
    const clean = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as CurriculumChange;
    this.out.push(clean);
  }

  /** A single value: added when it was empty, removed when it becomes empty, else changed. */
  private value(scope: ChangeScope, path: string, field: string, before: string | undefined, after: string | undefined, module?: string, same: Same = sameText, kind: ChangeKind = 'changed'): void {
    const x = before !== undefined && before.trim() !== '' ? before : undefined;
    const y = after !== undefined && after.trim() !== '' ? after : undefined;
    if (x === undefined && y === undefined) return;
    if (x !== undefined && y !== undefined && same(x, y)) return;
    this.push({ kind: x === undefined ? 'added' : y === undefined ? 'removed' : kind, scope, path, field, before: x, after: y, module });
  }

  private minutes(n: number): string {
    return `${n} ${this.l.minutes}`;
  }

  /** Keys the specific code does not know (a newer schema): compared as values, so nothing goes unseen. */
  private rest(scope: ChangeScope, parent: string, a: object, b: object, handled: readonly string[], module?: string): void {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => !handled.includes(k) && !NOT_CONTENT.includes(k));
    for (const k of keys) {
      if (canonical(ra[k]) === canonical(rb[k])) continue;
      this.value(scope, `${parent} › ${k}`, k, show(ra[k]), show(rb[k]), module, () => false);
    }
  }

  /** Nested plain objects leaf by leaf (settings). */
  private leaves(scope: ChangeScope, path: string, field: string, a: unknown, b: unknown): void {
    if (isPlain(a) && isPlain(b)) {
      for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])]) this.leaves(scope, `${path} › ${k}`, `${field}.${k}`, a[k], b[k]);
    } else if (canonical(a) !== canonical(b)) {
      this.value(scope, path, field, show(a), show(b), undefined, () => false);
    }
  }

  /** An ordered list: unchanged, changed in place, moved, added or removed items. */
  private sequence<T>(o: SequenceOptions<T>): void {
    const key = o.key ?? ((x: T) => normText(o.render(x)));
    const label = (i: number) => String(i + 1);
    const pairs = alignLists(o.as, o.bs, { key, text: o.render, single: 0, threshold: 0.4 });
    const at = (i: number) => `${o.parent} › ${o.word} ${label(i)}`;
    for (const p of pairs) {
      if (p.a !== undefined && p.b !== undefined) {
        const x = o.as[p.a]!;
        const y = o.bs[p.b]!;
        if (key(x) !== key(y) && !(o.markdown ? sameMarkdown(o.render(x), o.render(y)) : sameText(o.render(x), o.render(y)))) {
          this.push({ kind: 'changed', scope: o.scope, path: at(p.b), field: o.field, before: o.render(x), after: o.render(y), module: o.module });
        } else if (p.moved) {
          this.push({ kind: 'changed', scope: o.scope, path: at(p.b), field: 'order', before: `${o.word} ${label(p.a)}: ${o.render(x)}`, after: `${o.word} ${label(p.b)}: ${o.render(y)}`, module: o.module });
        }
      } else if (p.b !== undefined) {
        this.push({ kind: 'added', scope: o.scope, path: at(p.b), field: o.field, after: o.render(o.bs[p.b]!), module: o.module });
      } else if (p.a !== undefined) {
        this.push({ kind: 'removed', scope: o.scope, path: at(p.a), field: o.field, before: o.render(o.as[p.a]!), module: o.module });
      }
    }
  }

  /** An unordered set of small records, shown whole (before → after). */
  private records<T>(scope: ChangeScope, parent: string, as: readonly T[], bs: readonly T[], keys: ((x: T) => string | undefined)[], render: (x: T) => string, name: (x: T) => string, o: { renames?: boolean; module?: string } = {}): void {
    const pairs = matchByKeys(as, bs, keys);
    const primary = keys[0]!;
    for (const p of pairs) {
      if (p.a !== undefined && p.b !== undefined) {
        const x = as[p.a]!;
        const y = bs[p.b]!;
        if (canonical(x) === canonical(y)) continue;
        const kind: ChangeKind = o.renames && primary(x) !== primary(y) ? 'renamed' : 'changed';
        this.push({ kind, scope, path: `${parent} › ${name(y)}`, before: render(x), after: render(y), module: o.module });
      } else if (p.b !== undefined) {
        this.push({ kind: 'added', scope, path: `${parent} › ${name(bs[p.b]!)}`, after: render(bs[p.b]!), module: o.module });
      } else if (p.a !== undefined) {
        this.push({ kind: 'removed', scope, path: `${parent} › ${name(as[p.a]!)}`, before: render(as[p.a]!), module: o.module });
      }
    }
  }

  curriculum(a: DiffSide, b: DiffSide): void {
    const l = this.l;
    this.value('curriculum', l.title, 'title', a.title, b.title);
    this.value('curriculum', l.subtitle, 'subtitle', a.subtitle, b.subtitle);
    this.value('curriculum', l.version, 'version', a.version, b.version, undefined, (x, y) => x === y);
    this.value('curriculum', l.language, 'language', a.language, b.language);
    this.value('curriculum', l.foreword, 'foreword', a.foreword, b.foreword, undefined, sameMarkdown);
    this.value('curriculum', l.forewordSignatory, 'foreword_signatory', a.foreword_signatory, b.foreword_signatory);
    for (const k of unionKeys(a.organizer, b.organizer)) {
      this.value('curriculum', `${l.organizer} › ${l.organizerFields[k] ?? k}`, `organizer.${k}`, show(field(a.organizer, k)), show(field(b.organizer, k)));
    }
    for (const k of unionKeys(a.event, b.event)) {
      const render = (e: DiffSide['event']) => (k === 'dates' ? e.dates.map((d) => formatDayDate(d, this.lang)).join('; ') : show(field(e, k)));
      this.value('event', `${l.event} › ${l.eventFields[k] ?? k}`, `event.${k}`, render(a.event), render(b.event));
    }
    this.records(
      'audience',
      l.audience,
      a.audiences,
      b.audiences,
      [(x) => x.id, (x) => normText(x.name).toLowerCase()],
      (x) => `${x.name} (${x.id})${x.description ? ` — ${x.description}` : ''}`,
      (x) => x.id,
      { renames: true },
    );
    this.records(
      'signatory',
      l.signatory,
      a.signatories,
      b.signatories,
      [(x) => x.id, (x) => normText(x.role).toLowerCase()],
      (x) => `${x.role}: ${x.name}${x.nip ? ` (NIP ${x.nip})` : ''}`,
      (x) => x.id,
    );
    this.leaves('settings', l.settings, 'settings', a.settings, b.settings);
    this.rest('curriculum', l.curriculum, a, b, ['title', 'subtitle', 'version', 'language', 'foreword', 'foreword_signatory', 'organizer', 'event', 'audiences', 'signatories', 'settings', 'modules', 'schedule', 'glossary']);
    this.modules(a.modules, b.modules);
    this.schedule(a, b);
    this.glossary(a, b);
  }

  private modules(as: readonly ModuleFile[], bs: readonly ModuleFile[]): void {
    const content = (m: ModuleFile) => canonical({ ...m, id: undefined, file: undefined, $schema: undefined });
    const pairs = matchByKeys(as, bs, [(m) => m.id, content, (m) => normText(m.title).toLowerCase()]);
    markMoves(pairs);
    for (const p of pairs) if (p.a !== undefined && p.b !== undefined) this.moduleIds.set(as[p.a]!.id, bs[p.b]!.id);
    for (const p of pairs) {
      if (p.a !== undefined && p.b !== undefined) this.module(as[p.a]!, bs[p.b]!, p.a + 1, p.b + 1, Boolean(p.moved));
      else if (p.b !== undefined) this.push({ kind: 'added', scope: 'module', path: bs[p.b]!.id, after: this.moduleSummary(bs[p.b]!, p.b + 1), module: bs[p.b]!.id });
      else if (p.a !== undefined) this.push({ kind: 'removed', scope: 'module', path: as[p.a]!.id, before: this.moduleSummary(as[p.a]!, p.a + 1), module: as[p.a]!.id });
    }
  }

  private moduleSummary(m: ModuleFile, n: number): string {
    return `${this.l.chapter} ${roman(n)} ${m.title} (${this.minutes(m.duration)}, ${m.sections.length} ${this.l.sections})`;
  }

  private module(ma: ModuleFile, mb: ModuleFile, na: number, nb: number, moved: boolean): void {
    const l = this.l;
    const id = mb.id;
    if (ma.id !== mb.id) this.push({ kind: 'renamed', scope: 'module', path: id, field: 'id', before: ma.id, after: mb.id, module: id });
    this.value('module', id, 'title', ma.title, mb.title, id, sameText, 'renamed');
    if (moved) this.push({ kind: 'changed', scope: 'module', path: id, field: 'order', before: `${l.chapter} ${roman(na)}`, after: `${l.chapter} ${roman(nb)}`, module: id });
    this.value('module', `${id} › ${l.summary}`, 'summary', ma.summary, mb.summary, id, sameMarkdown);
    if (ma.duration !== mb.duration) this.push({ kind: 'changed', scope: 'module', path: `${id} › ${l.duration}`, field: 'duration', before: this.minutes(ma.duration), after: this.minutes(mb.duration), module: id });
    const aud = (m: ModuleFile) => (m.audiences.length ? [...m.audiences].sort().join(', ') : l.allAudiences);
    if (aud(ma) !== aud(mb)) this.push({ kind: 'changed', scope: 'module', path: `${id} › ${l.audiences}`, field: 'audiences', before: aud(ma), after: aud(mb), module: id });
    const text = (s: string) => s;
    this.sequence({ scope: 'module', field: 'objectives', parent: id, word: l.objective, as: ma.objectives, bs: mb.objectives, render: text, module: id });
    this.sequence({ scope: 'module', field: 'indicators', parent: id, word: l.indicator, as: ma.indicators, bs: mb.indicators, render: text, module: id });
    this.records(
      'reference',
      `${id} › ${l.references}`,
      ma.references,
      mb.references,
      [(r) => `${normText(r.kind).toLowerCase()}|${normText(r.number)}|${r.year}`, (r) => (r.title ? normText(r.title).toLowerCase() : undefined)],
      (r) => this.referenceText(r),
      (r) => this.referenceName(r),
      { module: id },
    );
    this.sections(ma, mb, na, nb);
    this.activities(ma, mb);
    this.questions(ma, mb);
    this.slides(ma, mb);
    this.rest('module', id, ma, mb, ['id', 'title', 'summary', 'duration', 'audiences', 'objectives', 'indicators', 'references', 'sections', 'activities', 'assessment', 'slides'], id);
  }

  private referenceName(r: Reference): string {
    return this.l.referenceFormat.replace('{kind}', r.kind).replace('{number}', r.number).replace('{year}', String(r.year));
  }

  private referenceText(r: Reference): string {
    return [this.referenceName(r), r.title ? ` ${this.l.about} ${r.title}` : '', r.articles ? `; ${r.articles}` : '', r.note ? ` — ${r.note}` : ''].join('');
  }

  private sections(ma: ModuleFile, mb: ModuleFile, na: number, nb: number): void {
    const id = mb.id;
    const pairs = alignLists(ma.sections, mb.sections, { key: (s) => normText(s.title).toLowerCase(), text: (s) => leafText(s, ['title']), single: 0.3, threshold: 0.5 });
    for (const p of pairs) {
      if (p.a !== undefined && p.b !== undefined) this.section(ma.sections[p.a]!, mb.sections[p.b]!, id, nb, p);
      else if (p.b !== undefined) this.push({ kind: 'added', scope: 'section', path: `${id} › ${nb}.${p.b + 1} ${mb.sections[p.b]!.title}`, after: this.sectionSummary(mb.sections[p.b]!), module: id });
      else if (p.a !== undefined) this.push({ kind: 'removed', scope: 'section', path: `${id} › ${na}.${p.a + 1} ${ma.sections[p.a]!.title}`, before: this.sectionSummary(ma.sections[p.a]!), module: id });
    }
  }

  private sectionSummary(s: Section): string {
    const l = this.l;
    const parts = [
      s.steps.length ? `${s.steps.length} ${l.steps}` : '',
      s.key_points.length ? `${s.key_points.length} ${l.keyPoint}` : '',
      s.principles.length ? `${s.principles.length} ${l.principle}` : '',
      s.pledges.length ? `${s.pledges.length} ${l.pledge}` : '',
    ].filter(Boolean);
    return `${s.title}${parts.length ? ` (${parts.join(', ')})` : ''}`;
  }

  private stepText(s: Step): string {
    const extra = [s.form, s.time].filter(Boolean).join(', ');
    return `${s.actor}: ${s.action}${extra ? ` (${extra})` : ''}`;
  }

  private section(sa: Section, sb: Section, id: string, nb: number, p: Pair): void {
    const l = this.l;
    const label = `${id} › ${nb}.${p.b! + 1} ${sb.title}`;
    this.value('section', label, 'title', sa.title, sb.title, id, sameText, 'renamed');
    if (p.moved) this.push({ kind: 'changed', scope: 'section', path: label, field: 'order', before: `${nb}.${p.a! + 1}`, after: `${nb}.${p.b! + 1}`, module: id });
    this.value('section', `${label} › ${l.body}`, 'body', sa.body, sb.body, id, sameMarkdown);
    this.sequence({ scope: 'step', field: 'steps', parent: label, word: l.step, as: sa.steps, bs: sb.steps, render: (s) => this.stepText(s), key: (s) => canonical(s), module: id });
    this.sequence({ scope: 'section', field: 'key_points', parent: label, word: l.keyPoint, as: sa.key_points, bs: sb.key_points, render: (s) => s, module: id });
    this.named('principle', label, l.principle, sa.principles, sb.principles, 'name', (x, y, at) => this.principle(x, y, at, id), (x) => `${x.name}: ${x.meaning}`, id);
    this.named('pledge', label, l.pledge, sa.pledges, sb.pledges, 'title', (x, y, at) => this.pledge(x, y, at, id), (x) => `${x.title}: ${x.text}`, id);
    this.sequence({ scope: 'section', field: 'facilitator_notes', parent: label, word: l.facilitatorNote, as: sa.facilitator_notes, bs: sb.facilitator_notes, render: (s) => s, module: id, markdown: true });
    this.rest('section', label, sa, sb, ['title', 'body', 'steps', 'key_points', 'principles', 'pledges', 'facilitator_notes'], id);
  }

  /** Items with a name (principles, pledges, activities, slides): matched by name, compared field by field. */
  private named<T extends object>(scope: ChangeScope, parent: string, word: string, as: readonly T[], bs: readonly T[], nameKey: 'name' | 'title', diff: (x: T, y: T, at: string) => void, summary: (x: T) => string, module: string): void {
    const name = (x: T) => String(field(x, nameKey));
    const pairs = alignLists(as, bs, { key: (x) => normText(name(x)).toLowerCase(), text: (x) => leafText(x, [nameKey]), single: 0.3, threshold: 0.5 });
    for (const p of pairs) {
      if (p.a !== undefined && p.b !== undefined) {
        const x = as[p.a]!;
        const y = bs[p.b]!;
        const at = `${parent} › ${word} ${name(y)}`;
        this.value(scope, at, nameKey, name(x), name(y), module, sameText, 'renamed');
        if (p.moved) this.push({ kind: 'changed', scope, path: at, field: 'order', before: `${word} ${p.a + 1}`, after: `${word} ${p.b + 1}`, module });
        diff(x, y, at);
      } else if (p.b !== undefined) {
        this.push({ kind: 'added', scope, path: `${parent} › ${word} ${name(bs[p.b]!)}`, after: summary(bs[p.b]!), module });
      } else if (p.a !== undefined) {
        this.push({ kind: 'removed', scope, path: `${parent} › ${word} ${name(as[p.a]!)}`, before: summary(as[p.a]!), module });
      }
    }
  }

  private principle(x: Principle, y: Principle, at: string, id: string): void {
    const l = this.l;
    this.value('principle', `${at} › ${l.meaning}`, 'meaning', x.meaning, y.meaning, id);
    this.sequence({ scope: 'principle', field: 'do', parent: at, word: l.do, as: x.do, bs: y.do, render: (s) => s, module: id });
    this.sequence({ scope: 'principle', field: 'dont', parent: at, word: l.dont, as: x.dont, bs: y.dont, render: (s) => s, module: id });
    this.rest('principle', at, x, y, ['name', 'meaning', 'do', 'dont'], id);
  }

  private pledge(x: Pledge, y: Pledge, at: string, id: string): void {
    const l = this.l;
    this.value('pledge', `${at} › ${l.text}`, 'text', x.text, y.text, id, sameMarkdown);
    this.value('pledge', `${at} › ${l.note}`, 'note', x.note, y.note, id);
    this.rest('pledge', at, x, y, ['title', 'text', 'note'], id);
  }

  private activities(ma: ModuleFile, mb: ModuleFile): void {
    const id = mb.id;
    const l = this.l;
    const kind = (k: Activity['kind']) => this.labels.kindActivity[k] ?? k;
    this.named<Activity>(
      'activity',
      id,
      l.activity,
      ma.activities,
      mb.activities,
      'title',
      (x, y, at) => {
        this.value('activity', `${at} › ${l.kind}`, 'kind', kind(x.kind), kind(y.kind), id);
        if (x.duration !== y.duration) this.push({ kind: 'changed', scope: 'activity', path: `${at} › ${l.duration}`, field: 'duration', before: this.minutes(x.duration), after: this.minutes(y.duration), module: id });
        this.sequence({ scope: 'activity', field: 'materials', parent: at, word: l.material, as: x.materials, bs: y.materials, render: (s) => s, module: id });
        this.sequence({ scope: 'activity', field: 'instructions', parent: at, word: l.instruction, as: x.instructions, bs: y.instructions, render: (s) => s, module: id });
        this.rest('activity', at, x, y, ['kind', 'title', 'duration', 'materials', 'instructions'], id);
      },
      (x) => `${x.title} (${kind(x.kind)}, ${this.minutes(x.duration)})`,
      id,
    );
  }

  private questions(ma: ModuleFile, mb: ModuleFile): void {
    const id = mb.id;
    const l = this.l;
    const qa: readonly Question[] = ma.assessment?.questions ?? [];
    const qb: readonly Question[] = mb.assessment?.questions ?? [];
    const pairs = alignLists(qa, qb, { key: (q) => normText(q.question).toLowerCase(), text: (q) => leafText(q), single: 0.3, threshold: 0.5 });
    const at = (i: number) => `${id} › ${l.question} ${i + 1}`;
    const choices = (q: Question) => q.choices.map((c, k) => `${letter(k)}. ${c}`).join('; ');
    const answer = (q: Question) => `${q.answer}${q.choices[letterIndex(q.answer)] !== undefined ? ` (${q.choices[letterIndex(q.answer)]})` : ''}`;
    for (const p of pairs) {
      if (p.a !== undefined && p.b !== undefined) {
        const x = qa[p.a]!;
        const y = qb[p.b]!;
        const path = at(p.b);
        this.value('question', `${path} › ${l.questionText}`, 'question', x.question, y.question, id);
        if (p.moved) this.push({ kind: 'changed', scope: 'question', path, field: 'order', before: `${l.question} ${p.a + 1}`, after: `${l.question} ${p.b + 1}`, module: id });
        // Choices as one value: their letters carry the answer, so a reshuffle reads best whole.
        if (canonical(x.choices) !== canonical(y.choices)) this.push({ kind: 'changed', scope: 'question', path: `${path} › ${l.choice}`, field: 'choices', before: choices(x), after: choices(y), module: id });
        this.value('question', `${path} › ${l.answer}`, 'answer', answer(x), answer(y), id, (s, t) => s === t);
        this.value('question', `${path} › ${l.explanation}`, 'explanation', x.explanation, y.explanation, id);
        this.rest('question', path, x, y, ['question', 'choices', 'answer', 'explanation'], id);
      } else if (p.b !== undefined) {
        this.push({ kind: 'added', scope: 'question', path: at(p.b), after: qb[p.b]!.question, module: id });
      } else if (p.a !== undefined) {
        this.push({ kind: 'removed', scope: 'question', path: at(p.a), before: qa[p.a]!.question, module: id });
      }
    }
  }

  private slides(ma: ModuleFile, mb: ModuleFile): void {
    const id = mb.id;
    const l = this.l;
    if (!ma.slides && !mb.slides) return;
    const count = (s: Slide[] | undefined) => (s ? `${s.length} ${l.slide}` : l.autoSlides);
    if (!ma.slides || !mb.slides) {
      this.push({ kind: 'changed', scope: 'slide', path: `${id} › ${l.slides}`, field: 'slides', before: count(ma.slides), after: count(mb.slides), module: id });
      return;
    }
    this.named<Slide>(
      'slide',
      id,
      l.slide,
      ma.slides,
      mb.slides,
      'title',
      (x, y, at) => {
        this.sequence({ scope: 'slide', field: 'bullets', parent: at, word: l.bullet, as: x.bullets, bs: y.bullets, render: (s) => s, module: id });
        this.value('slide', `${at} › ${l.speakerNotes}`, 'notes', x.notes, y.notes, id);
        this.rest('slide', at, x, y, ['title', 'bullets', 'notes'], id);
      },
      (x) => x.title,
      id,
    );
  }

  private schedule(a: DiffSide, b: DiffSide): void {
    const l = this.l;
    const titles = (side: DiffSide) => new Map(side.modules.map((m) => [m.id, m.title]));
    const titleA = titles(a);
    const titleB = titles(b);
    interface Item {
      key: string;
      name: string;
      cmp: string;
      item: ScheduleItem;
    }
    const clock = (t: string) => t.replace(':', '.');
    const items = (day: ScheduleDay, names: Map<string, string>, mapId: (id: string) => string): Item[] =>
      day.items.map((it) => {
        const module = it.module ? mapId(it.module) : undefined;
        return {
          key: module ? `m:${module}` : `a:${normText(it.activity).toLowerCase()}`,
          name: it.module ? names.get(it.module) ?? it.module : normText(it.activity),
          cmp: canonical({ start: clock(it.start), end: clock(it.end), module, activity: it.activity, kind: it.kind, facilitator: it.facilitator }),
          item: it,
        };
      });
    const render = (x: Item, withKind: boolean) =>
      `${clock(x.item.start)}–${clock(x.item.end)} ${x.name}${x.item.facilitator ? ` (${x.item.facilitator})` : ''}${withKind ? ` [${x.item.kind ?? (x.item.module ? 'session' : 'other')}]` : ''}`;
    const days = matchByKeys(a.schedule, b.schedule, [(d) => d.date]);
    // Days left over on both sides, in order: the same day moved to another date.
    const lostA = days.filter((p) => p.b === undefined).map((p) => p.a!);
    const newB = days.filter((p) => p.a === undefined).map((p) => p.b!);
    const pairs: Pair[] = days.filter((p) => p.a !== undefined && p.b !== undefined);
    for (let k = 0; k < Math.max(lostA.length, newB.length); k++) pairs.push({ a: lostA[k], b: newB[k] });
    pairs.sort((x, y) => (x.b ?? Infinity) - (y.b ?? Infinity) || (x.a ?? 0) - (y.a ?? 0));
    for (const p of pairs) {
      const da = p.a !== undefined ? a.schedule[p.a]! : undefined;
      const db = p.b !== undefined ? b.schedule[p.b]! : undefined;
      const dayName = (d: ScheduleDay) => formatDayDate(d.date, this.lang);
      const summary = (d: ScheduleDay, names: Map<string, string>) =>
        `${d.items.length} ${l.items}: ${items(d, names, (x) => x)
          .map((x) => render(x, false))
          .join('; ')}`;
      if (!da) {
        this.push({ kind: 'added', scope: 'schedule', path: `${l.schedule} › ${dayName(db!)}`, after: summary(db!, titleB) });
        continue;
      }
      if (!db) {
        this.push({ kind: 'removed', scope: 'schedule', path: `${l.schedule} › ${dayName(da)}`, before: summary(da, titleA) });
        continue;
      }
      const base = `${l.schedule} › ${dayName(db)}`;
      if (da.date !== db.date) this.push({ kind: 'changed', scope: 'schedule', path: `${l.schedule} › ${l.day} ${p.b! + 1}`, field: 'date', before: dayName(da), after: dayName(db) });
      this.value('schedule', `${base} › ${l.title}`, 'title', da.title, db.title);
      const ia = items(da, titleA, (x) => this.moduleIds.get(x) ?? x);
      const ib = items(db, titleB, (x) => x);
      for (const q of alignLists(ia, ib, { key: (x) => x.key, text: (x) => `${x.name} ${clock(x.item.start)}`, single: 0, threshold: 0.5 })) {
        if (q.a !== undefined && q.b !== undefined) {
          const x = ia[q.a]!;
          const y = ib[q.b]!;
          const withKind = (x.item.kind ?? '') !== (y.item.kind ?? '');
          if (x.cmp !== y.cmp) this.push({ kind: 'changed', scope: 'schedule', path: `${base} › ${y.name}`, before: render(x, withKind), after: render(y, withKind) });
          else if (q.moved) this.push({ kind: 'changed', scope: 'schedule', path: `${base} › ${y.name}`, field: 'order', before: `${l.order} ${q.a + 1}`, after: `${l.order} ${q.b + 1}` });
        } else if (q.b !== undefined) {
          this.push({ kind: 'added', scope: 'schedule', path: `${base} › ${ib[q.b]!.name}`, after: render(ib[q.b]!, false) });
        } else if (q.a !== undefined) {
          this.push({ kind: 'removed', scope: 'schedule', path: `${base} › ${ia[q.a]!.name}`, before: render(ia[q.a]!, false) });
        }
      }
      this.rest('schedule', base, da, db, ['date', 'title', 'items']);
    }
  }

  private glossary(a: DiffSide, b: DiffSide): void {
    this.records(
      'glossary',
      this.l.glossary,
      a.glossary,
      b.glossary,
      [(g) => normText(g.term), (g) => normText(g.term).toLowerCase(), (g) => (g.expansion ? normText(g.expansion).toLowerCase() : undefined)],
      (g) => `${g.term}${g.expansion ? ` — ${g.expansion}` : ''}${g.explanation ? `: ${g.explanation}` : ''}`,
      (g) => g.term,
      { renames: true },
    );
  }
}

function letterIndex(l: string): number {
  return l.charCodeAt(0) - 65;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

function field(o: object, k: string): unknown {
  return (o as Record<string, unknown>)[k];
}

/** A value as one line of text. */
function show(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => show(x) ?? '').join('; ');
  return Object.entries(v)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => `${k}: ${show(x) ?? ''}`)
    .join(', ');
}
