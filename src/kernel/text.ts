// What people type, in one place (ARCHITECTURE.md point 11: "what people type is sacred").
// - Cleaned the same way everywhere: NFC, no control characters, no bidi overrides or invisible
//   characters that could make text read differently from what it says.
// - Limits stated in bytes as a person meets them: every free-text field has a UTF-8 byte budget
//   (JSON escapes included), so "4,000" is about 4,000 letters in English and about 1,330 characters
//   in a 3-byte script such as Chinese. Budgets are sized so that every form filled to its limits, in
//   a 3-byte-per-character script, is still a card under Teams' limit (CARD_LIMIT_BYTES) with its
//   structure, and so that every record fits one table entity: storage encrypts (AES-GCM: +12-byte
//   IV, +16-byte tag), base64-encodes (4/3) and Azure Tables keeps strings as UTF-16: a property
//   holds at most 64 KiB (32,768 characters) and an entity at most 1 MiB. src/storage spreads a long
//   value over several properties, so the entity is the real bound (`fitsOneEntity`, tested). Teams'
//   Input.Text maxLength counts UTF-16 units, so in other scripts a person can type past the budget:
//   `tooLongProblem` then says by how much, counted in their own script.
// - Shown to anyone but its author as text, never as markdown (a TextBlock renders a subset:
//   links, emphasis, lists), so nobody can put a live link in bold on a supervisor's alert card.
import { z } from 'zod';
import { TooLargeToStore } from './ports.ts';

/** Azure Tables: one string property holds at most 64 KiB of UTF-16, i.e. this many characters. */
export const TABLE_PROPERTY_CHARS = 32_768;
/** Azure Tables: one entity (all properties, names and keys) holds at most 1 MiB. */
export const TABLE_ENTITY_BYTES = 1_048_576;
/** Most bytes one UTF-16 unit takes as UTF-8 inside JSON, once `cleanText` has removed controls. */
export const WORST_BYTES_PER_CHAR = 3;
/** Room kept in an entity for keys, the plain document, indexed properties and property names. */
export const ENTITY_MARGIN_BYTES = 128 * 1024;

// Bidi embeddings/overrides/isolates (U+202A–202E, U+2066–2069), marks (U+200E/F, U+061C),
// invisible characters (zero-width space, word joiner, BOM, soft hyphen, invisible operators, Mongolian
// vowel separator) and every control character but tab and newline.
const INVISIBLE =
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u2060-\u2064\uFEFF\u00AD\u180E\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFF9-\uFFFB]/gu;
// Zero-width joiner and non-joiner are kept only between two non-ASCII characters: they shape
// Persian, Indic scripts and emoji sequences there, and nowhere else do they do anything visible.
const STRAY_JOINER = /(?<![^\x00-\x7F])[\u200C\u200D]|[\u200C\u200D](?![^\x00-\x7F])/gu;
const LINE_SEPARATORS = /\r\n?|[\u2028\u2029\u0085]/gu;
// Half a surrogate pair is not a character; JSON would store it as a six-byte escape.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as Haven keeps it: NFC, line ends as \n, no control, bidi-override or invisible characters. */
export function cleanText(raw: string): string {
  return raw
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(LINE_SEPARATORS, '\n')
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '');
}

const encoder = new TextEncoder();

/** Bytes the text takes inside a stored JSON document (UTF-8, with JSON escapes, without quotes). */
export function storedBytes(text: string): number {
  return encoder.encode(JSON.stringify(text)).length - 2;
}

/** Characters a value of `plainBytes` takes in a table once encrypted and base64-encoded. */
export function encryptedChars(plainBytes: number): number {
  return 'enc:v1:'.length + 4 * Math.ceil((plainBytes + 28) / 3);
}

/** Teams refuses a card (an activity's attachment) over about 28 KB; Haven keeps every card under this. */
export const CARD_LIMIT_BYTES = 28 * 1000;

/** Bytes a card takes as sent: its JSON in UTF-8. */
export function cardBytes(card: unknown): number {
  return encoder.encode(JSON.stringify(card)).length;
}

/** Whether records whose free-text fields are all at these byte budgets fit one entity. */
export function fitsOneEntity(limitsInBytes: number[]): boolean {
  // Each field is at worst its own encrypted property (the JSON around it is counted in the margin).
  const bytes = limitsInBytes.reduce((sum, limit) => sum + 2 * encryptedChars(limit + 64), 0);
  return bytes + ENTITY_MARGIN_BYTES <= TABLE_ENTITY_BYTES;
}

/** Characters as a person counts them (an emoji or a Chinese character is one). */
function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** Average bytes a character of this text takes as stored (1 for English, about 3 for Chinese). */
function bytesPerChar(text: string): number {
  const chars = charCount(text);
  return chars === 0 ? 1 : Math.max(1, storedBytes(text) / chars);
}

/** How many characters, in the person's own script, the text is over a budget of `maxBytes`. */
export function charactersOver(text: string, maxBytes: number): number {
  const over = storedBytes(text) - maxBytes;
  if (over <= 0) return 0;
  return Math.max(1, Math.ceil(over / bytesPerChar(text)));
}

/** About how many characters of this text's script a budget of `maxBytes` holds. */
export function charactersWithin(text: string, maxBytes: number): number {
  return Math.floor(maxBytes / bytesPerChar(text));
}

function about(n: number): string {
  const rounded = n < 20 ? n : Math.ceil(n / 10) * 10;
  return `${n < 20 ? '' : 'about '}${rounded.toLocaleString('en-GB')} character${rounded === 1 ? '' : 's'}`;
}

/**
 * The problem with a piece of text, in the person's own words, or undefined when it is within its
 * budget. `what` names the field as the person knows it: `your answer to "How do you feel…"`,
 * `your note`. `maxBytes` is the field's byte budget: the limit in letters of English; in other
 * scripts the message counts in the person's own characters.
 */
export function tooLongProblem(what: string, text: string | undefined, maxBytes: number): string | undefined {
  const t = text ?? '';
  const over = charactersOver(t, maxBytes);
  if (over === 0) return undefined;
  const subject = what.charAt(0).toUpperCase() + what.slice(1);
  const within = charactersWithin(t, maxBytes);
  const limit =
    within >= maxBytes * 0.95
      ? `the limit is ${maxBytes.toLocaleString('en-GB')} characters`
      : `written as you write it, the limit is about ${within.toLocaleString('en-GB')} characters`;
  return `${subject} is too long by ${about(over)} (${limit}). Please shorten it; everything you typed is still here.`;
}

/**
 * A free-text field of a card payload: cleaned, and refused only when far beyond its limit (a real
 * form cannot send that much). The limit itself is checked by the workflow with `tooLongProblem`, so
 * a refusal comes back on the form with what was typed instead of replacing it.
 */
export function userText(what: string, maxChars: number) {
  return z
    .string({ invalid_type_error: `${what.charAt(0).toUpperCase() + what.slice(1)} must be text.` })
    .max(
      maxChars * 8,
      `${what.charAt(0).toUpperCase() + what.slice(1)} is far longer than ${maxChars.toLocaleString('en-GB')} characters, so it could not be read.`,
    )
    .transform(cleanText);
}

// Markdown a TextBlock renders (links, images, emphasis, code, headings, lists, quotes, tables),
// made literal with a backslash (every ASCII punctuation character may be escaped in CommonMark).
const MARKDOWN_INLINE = /[\\`*_[\]()<>!~|#{}]/g;
const LIST_MARKER = /^(\s*)([-+]|\d+\.)(?=\s|$)/gm;

/**
 * Text written by someone else, for a TextBlock: shown exactly as written, never as markup. Links,
 * emphasis, images, headings and lists are escaped, and a bare address cannot become a live link.
 */
export function asText(text: string | undefined): string {
  if (!text) return '';
  return cleanText(text)
    .replace(MARKDOWN_INLINE, '\\$&')
    .replace(LIST_MARKER, (_m, space: string, marker: string) => `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`)
    .replace(/:\/\//g, ':\u2060//')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u2060.`);
}

/** Alias naming what it does, for readers who look for it. */
export const escapeMarkdown = asText;

/**
 * Long text shortened for a card, cut at a word boundary where there is one near. The full text is
 * offered behind a "show all" (Teams refuses cards over about 28 KB).
 */
export function shorten(text: string, maxChars: number): { text: string; shortened: boolean } {
  if (text.length <= maxChars) return { text, shortened: false };
  let cut = maxChars;
  const space = text.lastIndexOf(' ', maxChars);
  if (space > maxChars * 0.8) cut = space;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut -= 1;
  return { text: `${text.slice(0, cut).trimEnd()}…`, shortened: true };
}

/** Characters of someone's long answer or note shown on a card; the rest is behind "Show all". */
export const SHOWN_CHARS = 500;

/**
 * Read-only text for a card: shortened to SHOWN_CHARS (before escaping, so an escape is never cut)
 * and, for anyone but its author, shown as text. `shortened` says the card should offer "Show all".
 */
export function shownText(text: string | undefined, forOthers: boolean, maxChars = SHOWN_CHARS): { text: string; shortened: boolean } {
  const s = shorten(cleanText(text ?? ''), maxChars);
  return { text: forOthers ? asText(s.text) : s.text, shortened: s.shortened };
}

/**
 * Storage refused a write as too large, or could not be reached: said plainly, in the person's words,
 * with what they typed still on the card. `why` is the first sentence alone; `message` the whole notice.
 */
export function couldNotStore(
  error: unknown,
  words: { tooLarge: string; unavailable?: string; nothing?: 'changed' | 'sent' | 'saved'; kept?: string; again?: string },
): { why: string; message: string } {
  const why = error instanceof TooLargeToStore ? words.tooLarge : (words.unavailable ?? 'Haven could not save this just now.');
  const kept = words.kept ?? 'everything you typed';
  const again = words.again ?? 'press the button again';
  return { why, message: `${why} Nothing was ${words.nothing ?? 'changed'}, and ${kept} is still here: please ${again} in a moment.` };
}
