// Strings of the queues settings page (namespace `queues`).
import { registerNamespace } from '../../shared/i18n';

const en = {
  title: 'Queues: service levels and thresholds',
  intro:
    'For each queue: what counts as answered in time and as a short abandon (the figures Axialys counts, guide 4.3), the target, and where the wall turns amber and red. An empty setting follows the server’s default.',
  budget:
    '{{pairs}} of at most {{max}} service-level definitions in use (each is one more request to Axialys per poll).',
  demo: 'Demo: changes are saved as “demo”.',
  queue: 'Queue',
  actions: 'Actions',
  field: {
    answeredWithinS: 'Answered within (s)',
    abandonedWithinS: 'Abandoned within (s)',
    targetPct: 'Target (%)',
    waiting: 'Callers waiting',
    longestWaitS: 'Longest wait (s)',
    answeredPct: 'Answered (%)',
    serviceLevelPct: 'Service level (%)',
  },
  warning: 'warning',
  critical: 'critical',
  source: {
    env: 'from {{variable}}={{value}}',
    default: 'default {{value}} ({{variable}} not set)',
    ui: 'set by {{who}} at {{time}}',
    uiDemo: 'set on the demo at {{time}}',
  },
  formula: 'Service level = answered ≤\u00a0{{seconds}}\u00a0s ÷ calls',
  save: 'Save',
  saving: 'Saving…',
  reset: 'Reset to defaults',
  saved: 'Saved',
  resetDone: 'Back to the defaults',
  conflict:
    'Someone changed this queue meanwhile: it now shows their values. Make your change again.',
  refused: 'Not saved: {{message}}',
  notAllowed: 'Only a supervisor may change a queue’s service level.',
  loadError: 'The queues could not be loaded',
  empty: 'No queue on this account yet',
  mustBeWhole: 'a whole number from {{min}} to {{max}}',
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const fr: Shape<typeof en> = {
  title: 'Files d’attente : niveaux de service et seuils',
  intro:
    'Pour chaque file : ce qui compte comme décroché à temps et comme abandon court (les chiffres que compte Axialys, guide 4.3), l’objectif, et où le mur passe à l’orange et au rouge. Un réglage vide suit la valeur par défaut du serveur.',
  budget:
    '{{pairs}} définitions de niveau de service utilisées sur {{max}} au plus (chacune est une requête de plus à Axialys par relevé).',
  demo: 'Démo : les modifications sont enregistrées au nom de « demo ».',
  queue: 'File',
  actions: 'Actions',
  field: {
    answeredWithinS: 'Décroché en (s)',
    abandonedWithinS: 'Abandon en (s)',
    targetPct: 'Objectif (%)',
    waiting: 'Appels en attente',
    longestWaitS: 'Plus longue attente (s)',
    answeredPct: 'Décroché (%)',
    serviceLevelPct: 'Niveau de service (%)',
  },
  warning: 'alerte',
  critical: 'critique',
  source: {
    env: 'de {{variable}}={{value}}',
    default: 'défaut {{value}} ({{variable}} non défini)',
    ui: 'réglé par {{who}} à {{time}}',
    uiDemo: 'réglé sur la démo à {{time}}',
  },
  formula: 'Niveau de service = répondus ≤\u00a0{{seconds}}\u00a0s ÷ appels',
  save: 'Enregistrer',
  saving: 'Enregistrement…',
  reset: 'Revenir aux valeurs par défaut',
  saved: 'Enregistré',
  resetDone: 'Valeurs par défaut rétablies',
  conflict:
    'Quelqu’un a modifié cette file entre-temps : elle montre maintenant ses valeurs. Refaites votre modification.',
  refused: 'Non enregistré : {{message}}',
  notAllowed: 'Seul un superviseur peut modifier le niveau de service d’une file.',
  loadError: 'Les files n’ont pas pu être chargées',
  empty: 'Aucune file sur ce compte pour l’instant',
  mustBeWhole: 'un nombre entier de {{min}} à {{max}}',
};

export const NS = 'queues';
registerNamespace(NS, { en, fr });
