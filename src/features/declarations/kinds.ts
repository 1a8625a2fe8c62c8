export const DECLARATION_KINDS = [
  { value: 'talk', title: 'I need to talk to someone' },
  { value: 'break', title: 'I need a break from viewing' },
  { value: 'leave', title: 'I want to leave the unit' },
] as const;

export type DeclarationKind = (typeof DECLARATION_KINDS)[number]['value'];

export function isDeclarationKind(value: unknown): value is DeclarationKind {
  return DECLARATION_KINDS.some((k) => k.value === value);
}
