// What people type, in one place (ARCHITECTURE.md point 11: "what people type is sacred").
// - Cleaned the same way everywhere: NFC, no control characters, no bidi overrides or invisible
//   characters that could make text read differently from what it says.
// - Limits a person meets in characters and that hold in bytes as stored: Teams counts UTF-16 units
//   (Input.Text maxLength), and one UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair is 4
//   bytes for 2 units). Storage encrypts (AES-GCM: +12-byte IV, +16-byte tag), base64-encodes (4/3)
//   and Azure Tables keeps strings as UTF-16: a property holds at most 64 KiB (32,768 characters)
//   and an entity at most 1 MiB. src/storage spreads a long value over several properties, so the
//   entity is the real bound; `fitsOneEntity` is checked by tests for every record's limits.
// - Shown to anyone but its author as text, never as markdown (a TextBlock renders a subset:
//   links, emphasis, lists), so nobody can put a live link in bold on a supervisor's alert card.
import { z } from 'zod';

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
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u2060-\u2064\uFEFF\u00AD\u180E\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFF9-\uFFFB]/gu;
// Zero-width joiner and non-joiner are kept only between two non-ASCII characters: they shape
// Persian, Indic scripts and emoji sequences there, and nowhere else do they do anything visible.
const STRAY_JOINER = /(?<![^\x00-\x7F])[\u200C\u200D]|[\u200C\u200D](?![^\x00-\x7F])/gu;
const LINE_SEPARATORS = /\r\n?|[\u2028\u2029\u0085]/gu;
// Half a surrogate pair is not a character; JSON would store it as a six-byte escape.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as Haven keeps it: NFC, line ends as \n, no control, bidi-override or invisible characters. */
export function cleanText(raw: string): string {
  return raw.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC').replace(LINE_SEPARATORS, '\n').replace(INVISIBLE, '').replace(STRAY_JOINER, '');
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

/** Whether records whose free-text fields are all at these limits (in characters) fit one entity. */
export function fitsOneEntity(limitsInChars: number[]): boolean {
  // Each field is at worst its own encrypted property (the JSON around it is counted in the margin).
  const bytes = limitsInChars.reduce((sum, chars) => sum + 2 * encryptedChars(chars * WORST_BYTES_PER_CHAR + 64), 0);
  return bytes + ENTITY_MARGIN_BYTES <= TABLE_ENTITY_BYTES;
}

/** How many characters too long the text is for a limit of `maxChars`, counted as Teams counts them and as stored. */
export function charactersOver(text: string, maxChars: number): number {
  const byChars = text.length - maxChars;
  const byBytes = Math.ceil((storedBytes(text) - maxChars * WORST_BYTES_PER_CHAR) / WORST_BYTES_PER_CHAR);
  return Math.max(0, byChars, byBytes);
}

function about(n: number): string {
  const rounded = n < 20 ? n : Math.ceil(n / 10) * 10;
  return `${n < 20 ? '' : 'about '}${rounded.toLocaleString('en-GB')} character${rounded === 1 ? '' : 's'}`;
}

/**
 * The problem with a piece of text, in the person's own words, or undefined when it is within the
 * limit. `what` names the field as the person knows it: `your answer to "How do you feel…"`,
 * `your note`.
 */
export function tooLongProblem(what: string, text: string | undefined, maxChars: number): string | undefined {
  const over = charactersOver(text ?? '', maxChars);
  if (over === 0) return undefined;
  const subject = what.charAt(0).toUpperCase() + what.slice(1);
  return `${subject} is too long by ${about(over)} (the limit is ${maxChars.toLocaleString('en-GB')}). Please shorten it; everything you typed is still here.`;
}

/**
 * A free-text field of a card payload: cleaned, and refused only when far beyond its limit (a real
 * form cannot send that much). The limit itself is checked by the workflow with `tooLongProblem`, so
 * a refusal comes back on the form with what was typed instead of replacing it.
 */
export function userText(what: string, maxChars: number) {
  return z
    .string({ invalid_type_error: `${what.charAt(0).toUpperCase() + what.slice(1)} must be text.` })
    .max(maxChars * 8, `${what.charAt(0).toUpperCase() + what.slice(1)} is far longer than ${maxChars.toLocaleString('en-GB')} characters, so it could not be read.`)
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
