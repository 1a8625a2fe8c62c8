// Who may see what, in one place. The README's "Who can see what" table must match VISIBILITY row for
// row (test/unit/kernel/visibility.test.ts checks it: change the words here, then the README); the
// welcome card shows every row and the check-in confirmation shows the check-in part of it.
export interface VisibilityRow {
  /** The README's "role" column. */
  role: string;
  /** The same people as a person reads them on the welcome card. */
  who: string;
  sees: string;
  neverSees: string;
}

export const VISIBILITY: VisibilityRow[] = [
  {
    role: 'officer / candidate (you)',
    who: 'You',
    sees: 'your own requests, status, journey, check-ins, stage, care schedule and questionnaires',
    neverSees: "anyone else's",
  },
  {
    role: 'supervisor',
    who: 'Your supervisor',
    sees: 'alerts and flags (reason only) for their direct reports, their stages and care due, their suitability questionnaires, and what a report chose to share',
    neverSees: 'check-in answers and notes not shared with them; other teams',
  },
  {
    role: 'cover',
    who: 'Their cover, while they are away',
    sees: "the absent supervisor's reports, for the cover period only",
    neverSees: 'anything after the cover ends',
  },
  {
    role: 'department head',
    who: 'The department head',
    sees: 'escalations, redeployment cases, secondary reviews, notes shared with them, unit figures for groups of 5+, the annual process review',
    neverSees: 'notes and check-in answers not shared with them',
  },
  {
    role: 'trainer',
    who: 'The image-grading trainer',
    sees: "the questionnaires of candidates on their journeys, the unit's stages, the annual process review (without journey details)",
    neverSees: "officers' check-ins and requests",
  },
  {
    role: 'HR / resource planning',
    who: 'HR and resource planning',
    sees: "for moves into the units they are HR for: the candidate's name, the unit, the planned start and its status; once a move is cancelled or withdrawn, only that, the unit, the planned start and the days left to find a replacement; for an officer leaving one of those units, once the move is agreed: who moves, from which unit, to where, the date and whether it happened",
    neverSees: 'any reason, answer, note or wellbeing detail',
  },
  { role: 'admin', who: 'Administrators', sees: 'roster, settings, delivery health', neverSees: 'any answer, request or free text' },
  // Issue 14 part 3: concerns about a colleague (README "Concerns about a colleague").
  {
    role: 'first recipient of a concern (supervisor, cover, welfare lead)',
    who: 'Whoever a concern about you is given first',
    sees: 'that a colleague is concerned about you, the category, who raised it and their note, and their own welfare-conversation record',
    neverSees: 'your check-in answers; anyone it escalates to sees the concern but not who raised it or the note',
  },
  {
    role: 'colleague who raised a concern',
    who: 'A colleague who raises a concern about you',
    sees: 'their own confirmation of what happens next, and their own note',
    neverSees: 'whether or how a conversation was held, or anything else of yours',
  },
  // TRiM follow-ups (issue 14, part 4)
  {
    role: 'TRiM practitioner',
    who: 'A TRiM practitioner',
    sees: 'the name of someone who said yes to a TRiM follow-up, that they would like one, and since when (the welfare lead too, if no practitioner takes it in time)',
    neverSees: 'why, any note or request, and anyone who said "not now"; Haven stores nothing said in a follow-up',
  },
  // A choice of whom to tell (issue 14, part 2)
  {
    role: 'contact you chose (welfare lead, occupational health …)',
    who: 'A contact you chose to tell first, or to read your suitability answers',
    sees: 'the request you chose to tell them about and its note, the check-in conversation you asked them for (the reason only), or your suitability answers: only what you chose, while they hold that role',
    neverSees:
      'anything you did not choose to tell them; your line supervisor then sees only that you are off viewing (a break or leaving), or that you asked for support if you ticked that box',
  },
  // Issue 16 part 4: the audit viewer (README "Audit viewer").
  {
    role: 'data protection officer (and department head, for their unit)',
    who: 'The data protection officer, and your department head',
    sees: 'who read or changed your records, when and why (names, actions and times from the audit trail), on a card or as a CSV file; the department head only for the people of the units they head',
    neverSees: 'any answer, note, request or free text',
  },
];

const whoOf = (role: string): string => VISIBILITY.find((r) => r.role === role)!.who;

/** The welcome card's lines, from the table above. */
export const VISIBILITY_IN_PLAIN_WORDS: { who: string; sees: string }[] = VISIBILITY.map((r) => ({
  who: r.who,
  sees: `${r.sees}. Never ${r.neverSees}.`,
}));

/** What the check-in confirmation says: the check-in part of the rows above, in detail. */
export const CHECK_IN_VISIBILITY: { who: string; sees: string }[] = [
  { who: whoOf('officer / candidate (you)'), sees: 'all of your answers and your note.' },
  {
    who: `${whoOf('supervisor')} (or their cover)`,
    sees: 'a prompt to consider a conversation with you, and why in one phrase (e.g. "a low wellbeing score"). Your answers and note only if you ticked "share".',
  },
  {
    who: whoOf('department head'),
    sees: 'the same prompt if your supervisor does not respond, and unit figures for groups of five or more. Never your answers.',
  },
];
