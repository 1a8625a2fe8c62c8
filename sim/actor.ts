// Generic simulated people: they read the cards they actually received (walking the card, its
// Action.ShowCard bodies and ActionSets) and press the buttons they know how to answer, filling the
// card's inputs as a person would. Nothing here knows which card a verb sits on, so a card that
// changes shape (several items folded into one digest card, say) is acted on unchanged.

/** Verbs a simulated person answers, in the order they would press them on one card. */
export const KNOWN_VERBS = [
  'alert.acknowledge',
  // A break or a request to leave: the supervisor confirms grading access was removed (issue 14).
  'alert.confirmAccess',
  'alert.assess',
  'flag.acknowledge',
  'flag.resolve',
  // Issue 14: a concern about a colleague (acknowledge, then record the welfare conversation); a TRiM
  // follow-up (the officer answers; the practitioner says they will arrange it, then records it); a
  // break that ends (access restored after a return, "I feel ready", the return confirmed, or a new
  // review date: see BREAK_EXTEND); the move done on the move card.
  'concern.acknowledge',
  'concern.record',
  'trim.answer',
  'trim.acknowledge',
  'trim.record',
  'break.confirmAccess',
  'break.ready',
  'break.confirmReturn',
  'break.review',
  'redeployment.moveDone',
  'care.done',
  'stage.confirm',
  'stage.discussionHeld',
  'suitability.review',
  'suitability.open',
  'suitability.submit',
  'journey.agree',
  'exposure.schedule',
  'exposure.record',
  'journey.recordDebrief',
  'questionnaire.open',
  'questionnaire.submit',
  'journey.review',
  'journey.headReview',
  'attachment.respond',
  'journey.ready',
  'checkIn.submit',
  'workload.submit',
  // "Open" on a digest line shows the item's own card (with its buttons) when the line has no button
  // that settles it there; "Back to today's list" returns to the digest. Pressed only when nothing
  // above is on the card.
  'journey.show',
  'suitability.view',
  'break.show',
  'concern.show',
  'digest.show',
] as const;

/**
 * A break's review card offers both "I feel ready to go back" (or "Confirm return") and "Set review
 * date". Most of the time people choose the way back; this share of the time (decided once per card)
 * they set a new review date instead. Someone asked to confirm a return the person has not asked for
 * yet waits for them rather than extending.
 */
export const BREAK_EXTEND = 0.15;
/** The verbs that take someone back to viewing, against which "Set review date" is the alternative. */
export const BREAK_RETURN_VERBS = new Set(['break.ready', 'break.confirmReturn']);

/** The buttons this person would press on a card, given whether they chose to extend a break on it. */
export function withBreakChoice(actions: CardAction[], extend: boolean): CardAction[] {
  const returning = actions.some((a) => BREAK_RETURN_VERBS.has(a.verb));
  return actions.filter((a) => {
    if (a.verb === 'break.review') return extend && returning;
    if (BREAK_RETURN_VERBS.has(a.verb)) return !extend;
    return true;
  });
}

/** Verbs a person presses again on the same card once something else on it was done (going back to the list). */
export const REPEATABLE_VERBS = new Set(['digest.show']);

/** Verbs that answer an urgent request (an "I'm not okay" alert). */
export const URGENT_VERBS = new Set(['alert.acknowledge', 'alert.assess']);

export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
}

export interface CardInput {
  id: string;
  type: string;
  value?: unknown;
  choices: string[];
}

/** Every Action.Execute / Action.Submit with a verb, and every input, wherever they sit in the card. */
export function readCard(card: unknown): { actions: CardAction[]; inputs: CardInput[] } {
  const actions: CardAction[] = [];
  const inputs: CardInput[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const type = typeof o.type === 'string' ? o.type : '';
    if (type === 'Action.Execute' || type === 'Action.Submit') {
      const data = (o.data && typeof o.data === 'object' ? o.data : {}) as Record<string, unknown>;
      const verb = typeof o.verb === 'string' ? o.verb : typeof data.verb === 'string' ? data.verb : undefined;
      if (verb) actions.push({ verb, data: { ...data, verb } });
    }
    if (type.startsWith('Input.') && typeof o.id === 'string') {
      const choices = Array.isArray(o.choices) ? (o.choices as { value?: unknown }[]).map((c) => String(c.value ?? '')) : [];
      inputs.push({ id: o.id, type, value: o.value, choices });
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'fallback' && k !== 'refresh') walk(v);
  };
  walk(card);
  return { actions, inputs };
}

/** The buttons on a card this person would press, first the most pressing. */
export function knownActions(card: unknown): CardAction[] {
  const { actions } = readCard(card);
  const rank = (a: CardAction) => (KNOWN_VERBS as readonly string[]).indexOf(a.verb);
  return actions.filter((a) => rank(a) >= 0).sort((a, b) => rank(a) - rank(b));
}

/** Where several buttons share a verb (exposure.record done / did not attend), the one a person usually presses. */
const PREFERRED = ['done', 'accepted', 'noConcerns', 'proceed', 'yes', 'manageable', 'suitable', 'continue', 'held'];

export function chooseAction(actions: CardAction[]): CardAction | undefined {
  const first = actions[0];
  if (!first) return undefined;
  const same = actions.filter((a) => a.verb === first.verb);
  const score = (a: CardAction) => (Object.values(a.data).some((v) => PREFERRED.includes(String(v))) ? 0 : 1);
  return [...same].sort((a, b) => score(a) - score(b))[0];
}

export interface Answering {
  /** Local date today (YYYY-MM-DD). */
  today: string;
  /** A low patch: wellbeing answers low, workload too much. */
  low: boolean;
}

/** Fills a card's inputs as a person would: fine answers, today's date, a short note where one is asked for. */
export function fillInputs(inputs: CardInput[], how: Answering): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const plusDays = (n: number) => new Date(Date.parse(`${how.today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  for (const i of inputs) {
    if (/^who5_/.test(i.id)) out[i.id] = how.low ? '1' : '4';
    else if (i.id === 'workload') out[i.id] = how.low ? 'tooMuch' : 'manageable';
    else if (i.id === 'breaks') out[i.id] = 'yes';
    else if (i.id === 'conversation') out[i.id] = 'no';
    // The weekly viewing summary (on the check-in and on its own card): a usual week; heavier in a low patch.
    else if (i.id === 'wlHours') out[i.id] = how.low ? '15to25' : '5to15';
    else if (i.id === 'wlCategories') out[i.id] = how.low ? 'A,B' : 'C';
    else if (i.id === 'wlViolent') out[i.id] = how.low ? 'yes' : 'no';
    else if (i.id === 'wlCaseload') out[i.id] = how.low ? 'heavy' : 'usual';
    else if (i.id === 'reviewOn')
      out[i.id] = plusDays(7); // a break extended by a week
    else if (i.id === 'outcome' && i.choices.includes('held'))
      out[i.id] = 'held'; // a concern's welfare conversation
    else if (i.type === 'Input.Toggle') out[i.id] = 'false';
    else if (
      i.id === 'freeText' ||
      i.id === 'note' ||
      i.id === 'notes' ||
      /Note$/.test(i.id) ||
      i.id === 'cancelReason' ||
      i.id === 'reflection'
    ) {
      if (/review|Note$|notes/.test(i.id)) out[i.id] = 'Spoke with them; no concerns.';
    } else if (i.type === 'Input.Date') {
      out[i.id] =
        i.id === 'exposureDate'
          ? plusDays(2)
          : i.id === 'attachmentFrom'
            ? plusDays(7)
            : i.id === 'attachmentTo'
              ? plusDays(14)
              : how.today;
    } else if (i.type === 'Input.Time') out[i.id] = '10:00';
    else if (i.type === 'Input.ChoiceSet') {
      const good = i.choices.find((c) => PREFERRED.includes(c));
      const v = i.value !== undefined && i.value !== '' ? i.value : (good ?? i.choices[0]);
      if (v !== undefined) out[i.id] = v;
    } else if (i.type === 'Input.Text') out[i.id] = i.value || (i.id === 'exposurePlace' ? 'Room 2' : 'Fine, thank you.');
  }
  return out;
}
