/** The text that replaces a forgotten person's name or e-mail address everywhere. */
export const FORGOTTEN = 'verwijderd persoon';
/** The name a forgotten participant keeps, so lists of participants still add up. */
export const FORGOTTEN_NAME = 'Verwijderd persoon';

/** Keys under which forms and scheduler inputs keep a person's name next to their e-mail or id. */
const NAME_KEYS = new Set([
  'name',
  'naam',
  'fullName',
  'volledigeNaam',
  'voornaam',
  'achternaam',
  'displayName',
]);
/** Shorter names are only replaced as a whole value, never inside free text ("Ed" would hit "Educatie"). */
const MIN_NAME_LENGTH_IN_TEXT = 4;

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface PersonMatcher {
  /** Lower-case, trimmed. */
  email: string;
  /** The person's names as recorded in the trajects concerned. */
  names: ReadonlySet<string>;
  /** Participant ids of the person in the trajects concerned: objects with such an `id` lose their name. */
  ids: ReadonlySet<string>;
}

/**
 * Removes a person from a JSON value: the e-mail address anywhere in a string, their name as a whole value or
 * inside longer text, and the name fields of any object that carries their e-mail address or participant id.
 */
export function createScrubber(person: PersonMatcher) {
  const emailPattern = new RegExp(escapeRegExp(person.email), 'gi');
  const wholeNames = new Set([...person.names].map((name) => name.trim().toLowerCase()));
  const namePatterns = [...wholeNames]
    .filter((name) => name.length >= MIN_NAME_LENGTH_IN_TEXT)
    .map((name) => new RegExp(`\\b${escapeRegExp(name)}\\b`, 'gi'));

  function scrubString(value: string): string {
    if (wholeNames.has(value.trim().toLowerCase())) return FORGOTTEN;
    let out = value.replace(emailPattern, FORGOTTEN);
    for (const pattern of namePatterns) out = out.replace(pattern, FORGOTTEN);
    return out;
  }

  function mentionsPerson(record: Record<string, unknown>): boolean {
    return Object.entries(record).some(
      ([key, field]) =>
        typeof field === 'string' &&
        (field.trim().toLowerCase() === person.email || (key === 'id' && person.ids.has(field))),
    );
  }

  function scrub(value: unknown): unknown {
    if (typeof value === 'string') return scrubString(value);
    if (Array.isArray(value)) return value.map(scrub);
    if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const aboutPerson = mentionsPerson(record);
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(record)) {
        out[key] = aboutPerson && NAME_KEYS.has(key) && typeof field === 'string' ? FORGOTTEN : scrub(field);
      }
      return out;
    }
    return value;
  }

  return {
    /** The scrubbed value and whether anything changed. */
    value<T>(input: T): { value: T; changed: boolean } {
      const value = scrub(input) as T;
      return { value, changed: JSON.stringify(value) !== JSON.stringify(input) };
    },
    text(input: string | null): { value: string | null; changed: boolean } {
      if (input === null) return { value: null, changed: false };
      const value = scrubString(input);
      return { value, changed: value !== input };
    },
  };
}
