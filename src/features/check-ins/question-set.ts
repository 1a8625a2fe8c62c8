// A check-in question set, read from a data file (data/question-sets/<id>.json) so a force can change
// the wording, or the scale, without a release. Pure: the file's JSON comes in, every problem goes out.
// The flag rules read three things by meaning, not by position: the scored items (a wellbeing scale
// such as WHO-5), the workload answer "tooMuch" and the conversation answer "yes"; the file must keep them.

export const WORKLOAD_VALUES = ['manageable', 'stretched', 'tooMuch'] as const;
export type Workload = (typeof WORKLOAD_VALUES)[number];

export interface Choice<V extends string | number = string> {
  value: V;
  title: string;
}

export interface QuestionSet {
  id: string;
  title: string;
  intro: string;
  /** Where the scale comes from and how it is scored (shown nowhere; kept with the data). */
  source: string;
  scale: { label: string; choices: Choice<number>[]; items: { id: string; text: string }[] };
  workload: { text: string; choices: Choice<Workload>[] };
  breaks: { text: string; choices: Choice[] };
  conversation: { text: string; choices: Choice<'yes' | 'no'>[] };
  freeText: { text: string; placeholder: string; maxLength: number };
}

export type QuestionSetParse = { ok: true; set: QuestionSet } | { ok: false; problems: string[] };

const ID = /^[a-z0-9][a-z0-9_-]{0,40}$/;

export function parseQuestionSet(raw: unknown, source: string): QuestionSetParse {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const text = (v: unknown, where: string): string => {
    if (typeof v !== 'string' || !v.trim()) {
      problems.push(`${source}: ${where} must be non-empty text`);
      return '';
    }
    return v.trim();
  };
  const obj = (v: unknown, where: string): Record<string, unknown> => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      problems.push(`${source}: ${where} is missing`);
      return {};
    }
    return v as Record<string, unknown>;
  };
  const choices = <V extends string | number>(v: unknown, where: string, check: (value: unknown) => value is V): Choice<V>[] => {
    if (!Array.isArray(v) || v.length < 2) {
      problems.push(`${source}: ${where}.choices must list at least two choices`);
      return [];
    }
    const out: Choice<V>[] = [];
    v.forEach((c: unknown, i: number) => {
      const choice = (c ?? {}) as Record<string, unknown>;
      if (!check(choice.value)) problems.push(`${source}: ${where}.choices[${i}].value is not allowed here`);
      const title = text(choice.title, `${where}.choices[${i}].title`);
      if (check(choice.value)) out.push({ value: choice.value, title });
    });
    const values = out.map((c) => c.value);
    if (new Set(values).size !== values.length) problems.push(`${source}: ${where}.choices has the same value twice`);
    return out;
  };

  const id = typeof r.id === 'string' && ID.test(r.id) ? r.id : '';
  if (!id) problems.push(`${source}: id must be lower-case letters, digits, - or _ (e.g. "who5")`);
  const title = text(r.title, 'title');
  const intro = text(r.intro, 'intro');
  const src = text(r.source, 'source');

  const s = obj(r.scale, 'scale');
  const scaleChoices = choices(s.choices, 'scale', (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10);
  if (scaleChoices.length && !scaleChoices.some((c) => c.value === 0)) problems.push(`${source}: scale.choices must start at 0`);
  const items: { id: string; text: string }[] = [];
  if (!Array.isArray(s.items) || s.items.length === 0) problems.push(`${source}: scale.items must list at least one scored item`);
  else
    s.items.forEach((it: unknown, i: number) => {
      const item = (it ?? {}) as Record<string, unknown>;
      if (typeof item.id !== 'string' || !ID.test(item.id))
        problems.push(`${source}: scale.items[${i}].id must be lower-case letters, digits, - or _`);
      const t = text(item.text, `scale.items[${i}].text`);
      if (typeof item.id === 'string') items.push({ id: item.id, text: t });
    });
  if (new Set(items.map((i) => i.id)).size !== items.length) problems.push(`${source}: scale.items has the same id twice`);
  const reserved = items.filter((i) => ['workload', 'breaks', 'conversation', 'freeText', 'share', 'checkInId', 'verb'].includes(i.id));
  if (reserved.length) problems.push(`${source}: scale.items may not use the ids ${reserved.map((i) => i.id).join(', ')}`);

  const w = obj(r.workload, 'workload');
  const workloadChoices = choices(w.choices, 'workload', (v): v is Workload => (WORKLOAD_VALUES as readonly unknown[]).includes(v));
  if (workloadChoices.length && workloadChoices.length !== WORKLOAD_VALUES.length)
    problems.push(`${source}: workload.choices must be exactly ${WORKLOAD_VALUES.join(', ')} (the flag rules read "tooMuch")`);
  const b = obj(r.breaks, 'breaks');
  const breakChoices = choices(b.choices, 'breaks', (v): v is string => typeof v === 'string' && ID.test(v));
  const c = obj(r.conversation, 'conversation');
  const conversationChoices = choices(c.choices, 'conversation', (v): v is 'yes' | 'no' => v === 'yes' || v === 'no');
  if (conversationChoices.length && conversationChoices.length !== 2)
    problems.push(`${source}: conversation.choices must be exactly "yes" and "no"`);
  const f = obj(r.freeText, 'freeText');
  const maxLength =
    typeof f.maxLength === 'number' && Number.isInteger(f.maxLength) && f.maxLength >= 100 && f.maxLength <= 4000 ? f.maxLength : 0;
  if (!maxLength) problems.push(`${source}: freeText.maxLength must be a whole number from 100 to 4000`);

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    set: {
      id,
      title,
      intro,
      source: src,
      scale: { label: text(s.label, 'scale.label'), choices: scaleChoices, items },
      workload: { text: text(w.text, 'workload.text'), choices: workloadChoices },
      breaks: { text: text(b.text, 'breaks.text'), choices: breakChoices },
      conversation: { text: text(c.text, 'conversation.text'), choices: conversationChoices },
      freeText: { text: text(f.text, 'freeText.text'), placeholder: typeof f.placeholder === 'string' ? f.placeholder : '', maxLength },
    },
  };
}

/** The highest possible raw score (WHO-5: 5 items × 5 = 25). */
export function maxRawScore(set: QuestionSet): number {
  return set.scale.items.length * Math.max(...set.scale.choices.map((c) => c.value));
}

export interface CheckInSchedule {
  intervalDays: number;
  questionSetId: string;
  /** Optional YYYY-MM-DD: everyone in the unit is due on the same days. Otherwise each person's cycle starts on the day they joined. */
  anchorOn?: string;
}

export type ScheduleParse = { ok: true; schedule: CheckInSchedule } | { ok: false; problems: string[] };

export function parseSchedule(raw: unknown, source: string, fallback: CheckInSchedule): ScheduleParse {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const intervalDays = r.intervalDays === undefined ? fallback.intervalDays : r.intervalDays;
  if (typeof intervalDays !== 'number' || !Number.isInteger(intervalDays) || intervalDays < 7 || intervalDays > 91)
    problems.push(`${source}: intervalDays must be a whole number of days from 7 to 91`);
  const questionSetId = r.questionSet === undefined ? fallback.questionSetId : r.questionSet;
  if (typeof questionSetId !== 'string' || !ID.test(questionSetId))
    problems.push(`${source}: questionSet must name a file in data/question-sets (e.g. "who5")`);
  const anchorOn = r.anchorOn;
  if (
    anchorOn !== undefined &&
    (typeof anchorOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(anchorOn) || Number.isNaN(Date.parse(`${anchorOn}T00:00:00Z`)))
  )
    problems.push(`${source}: anchorOn must be a date, YYYY-MM-DD`);
  const unknown = Object.keys(r).filter((k) => !['intervalDays', 'questionSet', 'anchorOn', 'comment'].includes(k));
  if (unknown.length)
    problems.push(`${source}: unknown setting(s) ${unknown.join(', ')} (allowed: intervalDays, questionSet, anchorOn, comment)`);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    schedule: {
      intervalDays: intervalDays as number,
      questionSetId: questionSetId as string,
      ...(anchorOn ? { anchorOn: anchorOn as string } : {}),
    },
  };
}
