// Alert messages in French and English, built from an alert's kind and figures (pure: the wall,
// the supervisor view and the tests call the same function).
//
// Plain functions rather than i18next strings: each kind is a sentence of its own, with plurals,
// optional figures and names looked up in the snapshot, and the tests run without a browser.
import type { Alert } from '@vigie/contract';
import { formatAge, formatDuration, formatNumber, formatPercent } from '../i18n/format';
import type { Language } from '../i18n/i18n';

/** What a message needs besides the alert: the language and the names on the board. */
export interface MessageContext {
  lang: Language;
  groupName: (id: string) => string | undefined;
  operatorName: (id: string) => string | undefined;
}

type Figures = Alert['figures'];

const num = (f: Figures, key: string): number | null => {
  const v = f[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const str = (f: Figures, key: string): string | null => {
  const v = f[key];
  return typeof v === 'string' && v !== '' ? v : null;
};

const LOCALE: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR' };

/** The subject as people call it: a group's or operator's name, or the upstream source. */
export function subjectName(alert: Pick<Alert, 'subject'>, ctx: MessageContext): string {
  const { kind, id } = alert.subject;
  const fr = ctx.lang === 'fr';
  if (kind === 'group') return ctx.groupName(id) ?? (fr ? `Groupe ${id}` : `Group ${id}`);
  if (kind === 'operator')
    return ctx.operatorName(id) ?? (fr ? `Opérateur ${id}` : `Operator ${id}`);
  if (id === 'operators') return fr ? 'Données opérateurs' : 'Operator data';
  if (id === 'groups') return fr ? 'Données des files' : 'Queue data';
  return fr ? 'Données Axialys' : 'Axialys data';
}

/** "Support: …" in English, "Support : …" in French (a space before the colon). */
const lead = (lang: Language, name: string, rest: string) =>
  lang === 'fr' ? `${name} : ${rest}` : `${name}: ${rest}`;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function alertMessage(alert: Alert, ctx: MessageContext): string {
  const { lang } = ctx;
  const locale = LOCALE[lang];
  const fr = lang === 'fr';
  const f = alert.figures;
  const n = (v: number) => formatNumber(locale, v);
  const pct = (v: number) => formatPercent(locale, v);
  const mins = (seconds: number) => formatAge(locale, seconds);
  const name = subjectName(alert, ctx);

  switch (alert.kind) {
    case 'queue-unattended': {
      const waiting = num(f, 'waiting');
      const who =
        waiting === null
          ? fr
            ? 'des appelants en attente'
            : 'callers waiting'
          : fr
            ? `${n(waiting)} ${plural(waiting, 'appelant', 'appelants')} en attente`
            : `${n(waiting)} ${plural(waiting, 'caller', 'callers')} waiting`;
      return lead(lang, name, fr ? `${who}, personne de disponible` : `${who}, nobody available`);
    }
    case 'longest-wait': {
      const wait = num(f, 'longestWaitSeconds');
      const limit = num(f, 'limit');
      const l =
        limit === null ? '' : ` (${fr ? 'seuil' : 'limit'} ${formatDuration(limit, locale)})`;
      if (wait === null)
        return lead(lang, name, fr ? 'attente au-delà du seuil' : 'wait over the limit');
      const w = formatDuration(wait, locale);
      // Issue 12.4: raised on the live oldest wait (guide 4.2) when the board has it.
      if (typeof f['oldestSince'] === 'string')
        return lead(lang, name, fr ? `attente en cours ${w}${l}` : `waiting now ${w}${l}`);
      // The API's longest wait is the day's maximum: said so, as the wall's label does.
      return lead(lang, name, fr ? `attente max. du jour ${w}${l}` : `max wait today ${w}${l}`);
    }
    case 'service-level':
    case 'answered-rate': {
      const key = alert.kind === 'service-level' ? 'serviceLevelPercent' : 'answeredPercent';
      const value = num(f, key);
      const limit = num(f, 'limit');
      const window = num(f, 'windowSeconds');
      const what =
        alert.kind === 'service-level'
          ? fr
            ? 'niveau de service'
            : 'service level'
          : fr
            ? 'décroché'
            : 'answered';
      const v = value === null ? '' : ` ${belowLimit(locale, value, limit)}`;
      const over = window === null ? '' : fr ? ` sur ${mins(window)}` : ` over ${mins(window)}`;
      const under = limit === null ? '' : fr ? ` (sous ${pct(limit)})` : ` (below ${pct(limit)})`;
      return lead(lang, name, `${what}${v}${over}${under}`);
    }
    case 'operator-state': {
      const seconds = num(f, 'seconds');
      const state = str(f, 'state');
      const breakName = str(f, 'breakName');
      const atLeast = str(f, 'precision') === 'lower-bound';
      const doing = breakName
        ? fr
          ? `en pause « ${breakName} »`
          : `on break “${breakName}”`
        : operatorDoing(state, fr);
      if (seconds === null) return `${name} ${doing}`;
      const time = `${atLeast ? (fr ? 'au moins ' : 'at least ') : ''}${formatDuration(seconds, locale)}`;
      return fr ? `${name} ${doing} depuis ${time}` : `${name} ${doing} for ${time}`;
    }
    case 'upstream-stale': {
      const age = num(f, 'ageSeconds');
      if (age === null)
        return fr ? `${name} : rien reçu d’Axialys` : `${name}: nothing received from Axialys`;
      return fr
        ? `${name} d’Axialys vieilles de ${mins(age)}`
        : `${name} from Axialys ${mins(age)} old`;
    }
    default:
      // A kind this build does not know yet (a newer BFF): still say who, and which rule.
      return lead(lang, name, (alert as Alert).rule);
  }
}

/**
 * A % under its limit, with the fewest decimals that keep it under (issue 12.3): 62.4 → "62 %",
 * 89.6 against 90 → "89.6 %" (never "90 % … below 90 %"). Cut down, not rounded up.
 */
function belowLimit(locale: string, value: number, limit: number | null): string {
  if (limit === null || value >= limit) return formatPercent(locale, value);
  for (const digits of [0, 1, 2]) {
    const f = 10 ** digits;
    const shown = Math.round(value * f) / f;
    if (shown < limit) return formatPercent(locale, shown, digits);
  }
  return formatPercent(locale, Math.floor(value * 100) / 100, 2);
}

function operatorDoing(state: string | null, fr: boolean): string {
  switch (state) {
    case 'ringing':
      return fr ? 'sonne' : 'ringing';
    case 'calling':
      return fr ? 'en appel sortant' : 'calling out';
    case 'connected':
      return fr ? 'en appel' : 'on a call';
    case 'unavailable':
      return fr ? 'indisponible' : 'unavailable';
    default:
      return fr ? 'dans le même état' : 'in the same state';
  }
}
