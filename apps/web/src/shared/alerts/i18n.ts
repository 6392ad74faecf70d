// Strings around alerts, shared by the wall and the supervisor view (namespace `alerts`).
import { registerNamespace } from '../i18n/i18n';

const en = {
  heading: 'Alerts',
  severity: { critical: 'Critical', warning: 'Warning' },
  more_one: '+{{count}} more',
  more_other: '+{{count}} more',
  moreTitle: '{{count}} more alerts not shown: see the supervisor view',
  none: 'No active alert',
  since: 'for {{age}}',
  marked: '{{severity}} alert',
};

const fr: typeof en = {
  heading: 'Alertes',
  severity: { critical: 'Critique', warning: 'Attention' },
  more_one: '+{{count}} autre',
  more_other: '+{{count}} autres',
  moreTitle: '{{count}} autres alertes non affichées : voir la vue superviseur',
  none: 'Aucune alerte en cours',
  since: 'depuis {{age}}',
  marked: 'Alerte ({{severity}})',
};

export const ALERTS_NS = 'alerts';
registerNamespace(ALERTS_NS, { en, fr });
