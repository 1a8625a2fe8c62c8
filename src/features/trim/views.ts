// What each card says, from the follow-up and the viewer. Access is decided before these are called
// (policy.ts); these only choose words. Never an internal id as text, never which practitioner did
// not act, never a reason or a note (none is stored).
import { formatDay, nameIn } from '../../kernel/format.ts';
import type { Roster } from '../../kernel/types.ts';
import type { TrimCardData, TrimListCardData, TrimOfferCardData, TrimPractitionerCardData } from './cards.ts';
import { trimStatus, type TrimChainEntry, type TrimFollowUp } from './rules.ts';

const WHAT_TRIM =
  'TRiM (trauma risk management) is a short, confidential conversation with a trained colleague, to see how you are doing after something difficult.';

/** Who is told first if the officer says yes, in words: "a TRiM practitioner (Ira Nolan)". */
export function whoIsTold(chain: readonly TrimChainEntry[], roster: Roster): string {
  const first = chain[0];
  if (!first) return 'someone who can arrange one';
  const name = nameIn(roster)(first.personId);
  switch (first.trimRole) {
    case 'practitioner':
      return `a TRiM practitioner (${name})`;
    case 'welfareLead':
      return `the welfare lead (${name}), as no TRiM practitioner is available`;
    case 'departmentHead':
      return `the department head (${name}), as no TRiM practitioner or welfare lead is available`;
    case 'fallback':
      return `${name}, as no TRiM practitioner or welfare lead is available`;
  }
}

function askLine(f: TrimFollowUp): string {
  switch (f.origin) {
    case 'request72h':
      return 'A few days ago you asked for support. How are you doing now?';
    case 'request1month':
      return 'About a month ago you asked for support. How are you doing now?';
    case 'notableCaseSupervisor':
      return 'Your supervisor has offered you a TRiM follow-up after a recent case.';
    case 'notableCaseSelf':
      return 'You asked for a TRiM follow-up.';
  }
}

/** The officer's card about one follow-up of theirs. */
export function officerCardData(f: TrimFollowUp, chain: readonly TrimChainEntry[], roster: Roster, notice = ''): TrimCardData {
  const who = whoIsTold(chain, roster);
  const base = { followUpId: f.id, notice, canAnswer: false, canRequest: false };
  switch (trimStatus(f)) {
    case 'toAsk':
    case 'asked':
      return {
        ...base,
        title: 'Would you like a TRiM follow-up?',
        lines: [
          { text: askLine(f) },
          { text: WHAT_TRIM },
          {
            text: `If you say yes, ${who} is told only that you would like a follow-up: not why, and nothing you wrote. If you say not now, nobody is told, and nobody else learns your answer.`,
          },
        ],
        canAnswer: true,
      };
    case 'wanted':
      return {
        ...base,
        title: 'Your TRiM follow-up',
        lines: [
          {
            text: `You said you would like a TRiM follow-up (${formatDay(f.answer!.at.slice(0, 10))}). ${capitalised(who)} is told, in their working hours, that you would like one, and will arrange it with you. Nothing else is shared.`,
          },
          { text: 'If you need someone sooner, press "I\'m not okay".' },
        ],
      };
    case 'declined':
      return {
        ...base,
        title: 'TRiM follow-up: not now',
        lines: [
          { text: 'That is fine. Nobody has been told, and nobody else learns your answer.' },
          { text: 'If you change your mind, type "trim" at any time.' },
        ],
        canRequest: true,
      };
    case 'held':
      return {
        ...base,
        title: 'Your TRiM follow-up',
        lines: [{ text: `Your TRiM follow-up was held on ${formatDay(f.outcome!.heldOn!)}. You can ask for another at any time.` }],
        canRequest: true,
      };
    case 'notArranged':
      return {
        ...base,
        title: 'Your TRiM follow-up',
        lines: [
          { text: 'Your TRiM follow-up could not be arranged this time. We are sorry.' },
          { text: 'You can ask again at any time, or press "I\'m not okay" if you need someone now.' },
        ],
        canRequest: true,
      };
    case 'lapsed':
      return {
        ...base,
        title: 'TRiM follow-up',
        lines: [{ text: 'This question has closed and nobody was told. You can ask for a TRiM follow-up at any time.' }],
        canRequest: true,
      };
  }
}

/** The officer's card when they have no open follow-up: what TRiM is, who would be told, and a way to ask. */
export function requestCardData(chain: readonly TrimChainEntry[], roster: Roster, notice = ''): TrimCardData {
  return {
    followUpId: '',
    title: 'TRiM follow-up',
    lines: [
      { text: WHAT_TRIM },
      {
        text: `If you ask, ${whoIsTold(chain, roster)} is told only that you would like a follow-up: not why. Your supervisor is not told.`,
      },
    ],
    notice,
    canAnswer: false,
    canRequest: true,
  };
}

const PRIVACY =
  'Haven stores no content of a TRiM follow-up: only that one was wanted and whether it was held. It does not know, and does not share, why.';

/** A practitioner's card about one follow-up they may see (policy.ts maySeeTrimRequest). */
export function practitionerCardData(
  f: TrimFollowUp,
  viewerId: string,
  mayAct: boolean,
  roster: Roster,
  today: string,
  notice = '',
): TrimPractitionerCardData {
  const name = nameIn(roster);
  const facts = [
    { label: 'Who', value: name(f.personId) },
    { label: 'Wanted since', value: formatDay(f.answer!.at.slice(0, 10)) },
  ];
  if (f.acknowledged && !f.outcome)
    facts.push({ label: 'Being arranged by', value: f.acknowledged.by === viewerId ? 'you' : name(f.acknowledged.by) });
  if (f.outcome)
    facts.push({
      label: 'Recorded',
      value: `${f.outcome.value === 'held' ? `Held on ${formatDay(f.outcome.heldOn!)}` : 'Could not be arranged'}, by ${f.outcome.by === viewerId ? 'you' : name(f.outcome.by)}`,
    });
  const open = trimStatus(f) === 'wanted';
  return {
    followUpId: f.id,
    title: open ? `${name(f.personId)} would like a TRiM follow-up` : 'TRiM follow-up',
    facts,
    privacy: PRIVACY,
    notice,
    canAcknowledge: mayAct && open && !f.acknowledged,
    canRecord: mayAct && open,
    today,
    heldOnValue: today,
  };
}

export function listCardData(followUps: readonly TrimFollowUp[], viewerId: string, roster: Roster): TrimListCardData {
  const name = nameIn(roster);
  return {
    rows: [...followUps]
      .sort((a, b) => a.answer!.at.localeCompare(b.answer!.at))
      .map((f) => ({
        followUpId: f.id,
        title: name(f.personId),
        subtitle: `Would like a TRiM follow-up, since ${formatDay(f.answer!.at.slice(0, 10))}${
          f.acknowledged ? `; being arranged by ${f.acknowledged.by === viewerId ? 'you' : name(f.acknowledged.by)}` : ''
        }`,
      })),
    emptyText: 'No TRiM follow-ups are waiting for you.',
  };
}

/**
 * The supervisor's form. `offered`: the follow-ups they offered (policy.ts maySeeOffer), as whom and
 * when only: never whether the person said yes, not now or nothing yet.
 */
export function offerCardData(
  choices: { id: string; name: string }[],
  notice = '',
  chosen = '',
  offered: { name: string; on: string }[] = [],
): TrimOfferCardData {
  return {
    title: 'Offer a TRiM follow-up after a notable case',
    lines: [
      ...(choices.length
        ? [
            {
              text: 'Choose who. They are asked privately, in their working hours, whether they would like a TRiM follow-up with a practitioner.',
            },
            { text: 'Their answer is theirs: you are not told whether they said yes or not now.' },
          ]
        : [{ text: 'Nobody you look after now can be offered one here.' }]),
      ...offered.map((o) => ({ text: `You offered ${o.name} a TRiM follow-up on ${formatDay(o.on)}.` })),
    ],
    notice,
    canOffer: choices.length > 0,
    choices: choices.map((c) => ({ title: c.name, value: c.id })),
    chosen,
  };
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
