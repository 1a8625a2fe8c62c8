import { bindTemplate, type Card } from '../../kernel/cards.ts';

export interface CareDueCardData {
  title: string;
  lines: { text: string }[];
  facts: { label: string; value: string }[];
  /** The supervisor's version carries the date input and "Record as done"; the person's does not. */
  canRecord: boolean;
  personId: string;
  item: string;
  /** Unit-local date: the latest date that may be recorded (never the future). */
  today: string;
  /** The person's own suitability reminder carries "Open the questionnaire". */
  openQuestionnaire?: boolean;
}

export function careDueCard(data: CareDueCardData): Card {
  return bindTemplate('care-due', { openQuestionnaire: false, ...data });
}

export interface TeamCardRow {
  name: string;
  lines: { text: string }[];
}

export interface TeamCardData {
  title: string;
  notice: string;
  warnings: { text: string }[];
  groups: { heading: string; rows: TeamCardRow[] }[];
  /** "personId|item" values for the record-as-done form. */
  careChoices: { title: string; value: string }[];
  hasCareChoices: boolean;
  today: string;
}

/** The supervisors' "my team" card. Never carries check-in answers, notes or reflections. */
export function teamCard(data: TeamCardData): Card {
  return bindTemplate('my-team', data);
}

export interface AbsenceFormData {
  title: string;
  notice: string;
  canRecord: boolean;
  /** Whose absence: the supervisor themself, or (for a department head) any supervisor of the unit. */
  whoChoices: { title: string; value: string }[];
  who: string;
  coverChoices: { title: string; value: string }[];
  today: string;
  absences: { absenceId: string; text: string; canEnd: boolean }[];
  hasAbsences: boolean;
}

export function absenceCard(data: AbsenceFormData): Card {
  return bindTemplate('absence', data);
}
