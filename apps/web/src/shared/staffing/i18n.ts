// Strings of the staffing need (namespace `staffing`), shared by the wall and the group page.
import { registerNamespace } from '../i18n/i18n';

const en = {
  label: 'Staffing',
  figures: 'needed {{needed}} / staffed {{staffed}}',
  needed: 'needed',
  staffed: 'staffed',
  short: 'short by {{count}}',
  enough: 'enough staff',
  reason: {
    'no-traffic': 'no call lately',
    'sample-too-small': 'not enough calls yet',
    'no-handle-time': 'no call handled yet',
    'target-unreachable': 'target out of reach',
    'over-capacity': 'more calls than the team can take',
  },
  /** For the wall's narrow panels; the full reason is the line's title. */
  reasonShort: {
    'no-traffic': 'no recent call',
    'sample-too-small': 'too few calls',
    'no-handle-time': 'none handled',
    'target-unreachable': 'out of reach',
    'over-capacity': 'over capacity',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const fr: Shape<typeof en> = {
  label: 'Effectif',
  figures: 'requis {{needed}} / en poste {{staffed}}',
  needed: 'requis',
  staffed: 'en poste',
  short: 'il en manque {{count}}',
  enough: 'effectif suffisant',
  reason: {
    'no-traffic': 'pas d’appel récent',
    'sample-too-small': 'pas encore assez d’appels',
    'no-handle-time': 'aucun appel traité encore',
    'target-unreachable': 'objectif hors d’atteinte',
    'over-capacity': 'plus d’appels que l’équipe ne peut en prendre',
  },
  reasonShort: {
    'no-traffic': 'rien de récent',
    'sample-too-small': 'peu d’appels',
    'no-handle-time': 'aucun traité',
    'target-unreachable': 'hors d’atteinte',
    'over-capacity': 'saturé',
  },
};

export const STAFFING_NS = 'staffing';
registerNamespace(STAFFING_NS, { en, fr });
