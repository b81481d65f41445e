const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Whether `text` is the one canonical unpadded base64url spelling of some bytes. Node's decoder skips
 * characters outside the alphabet and ignores the unused bits of the last character, so `ab~c` and `abc`, or
 * `AB` and `AC`, decode alike: a rate limit or a cache keyed on the text would see two keys for one link.
 * Only the canonical spelling passes: the alphabet, no padding, no impossible length, unused bits zero.
 */
export function isCanonicalBase64Url(text: string): boolean {
  if (!BASE64URL.test(text)) return false;
  const tail = text.length % 4;
  if (tail === 1) return false;
  if (tail === 0) return true;
  const last = ALPHABET.indexOf(text.charAt(text.length - 1));
  // Two characters carry one byte (4 bits left over), three carry two (2 bits left over).
  return tail === 2 ? last % 16 === 0 : last % 4 === 0;
}
