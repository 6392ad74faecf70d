// Phone numbers for people: the API gives E.164 without the plus (33145420000).
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * "+33 1 45 42 00 00" for a valid international number; anything the library cannot read
 * (short service numbers such as 3900, anonymous callers, national forms) comes back as given.
 */
export function formatPhoneNumber(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const digits = trimmed.replace(/[\s.()-]/g, '');
  if (!/^\+?\d{6,15}$/.test(digits) || digits.startsWith('0')) return trimmed;
  const parsed = parsePhoneNumberFromString(digits.startsWith('+') ? digits : `+${digits}`);
  return parsed?.isValid() ? parsed.formatInternational() : trimmed;
}

/** `tel:` link target, or null when the number cannot be dialled as given. */
export function phoneHref(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const digits = raw.replace(/[^\d]/g, '');
  if (digits.length < 6 || digits.startsWith('0')) return null;
  return `tel:+${digits}`;
}
