// Strings of the supervisor view (namespace `supervisor`).
import { registerNamespace } from '../../shared/i18n';

const en = {
  title: 'Supervisor',
  counts: { heading: 'Operators by state', total: 'Total' },
  groups: {
    heading: 'Groups',
    empty: 'No group yet',
    waiting: 'Waiting',
    longestWait: 'Max wait today',
    answered: 'Answered',
    serviceLevel: 'Service level',
    lost: 'Lost',
    members: '{{available}} available of {{total}}',
    breach: 'Threshold breached',
    open: 'Open the group {{name}}',
  },
  table: {
    heading: 'Operators',
    caption: 'Operators, {{shown}} shown of {{total}}',
    name: 'Name',
    state: 'State',
    time: 'Time in state',
    groups: 'Groups',
    break: 'Break',
    sortBy: 'Sort by {{column}}',
    ascending: 'ascending',
    descending: 'descending',
    empty: 'No operator matches these filters',
    noOperators: 'No operator yet',
    lowerBound: 'at least this long: already in this state when Vigie started watching',
    approx: 'to within one poll interval',
  },
  filters: {
    legend: 'Filter operators',
    name: 'Name',
    namePlaceholder: 'Search by name',
    state: 'State',
    group: 'Group',
    anyGroup: 'All groups',
    minTime: 'Time in state',
    anyTime: 'Any',
    moreThan: 'More than {{minutes}} min',
    reset: 'Reset filters',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const fr: Shape<typeof en> = {
  title: 'Superviseur',
  counts: { heading: 'Opérateurs par état', total: 'Total' },
  groups: {
    heading: 'Groupes',
    empty: 'Aucun groupe pour l’instant',
    waiting: 'En attente',
    longestWait: 'Attente max. du jour',
    answered: 'Décroché',
    serviceLevel: 'Niveau de service',
    lost: 'Perdus',
    members: '{{available}} disponible(s) sur {{total}}',
    breach: 'Seuil dépassé',
    open: 'Ouvrir le groupe {{name}}',
  },
  table: {
    heading: 'Opérateurs',
    caption: 'Opérateurs, {{shown}} affichés sur {{total}}',
    name: 'Nom',
    state: 'État',
    time: 'Temps dans l’état',
    groups: 'Groupes',
    break: 'Pause',
    sortBy: 'Trier par {{column}}',
    ascending: 'croissant',
    descending: 'décroissant',
    empty: 'Aucun opérateur ne correspond à ces filtres',
    noOperators: 'Aucun opérateur pour l’instant',
    lowerBound: 'au moins : déjà dans cet état quand Vigie a commencé à observer',
    approx: 'à un intervalle de relevé près',
  },
  filters: {
    legend: 'Filtrer les opérateurs',
    name: 'Nom',
    namePlaceholder: 'Rechercher un nom',
    state: 'État',
    group: 'Groupe',
    anyGroup: 'Tous les groupes',
    minTime: 'Temps dans l’état',
    anyTime: 'Peu importe',
    moreThan: 'Plus de {{minutes}} min',
    reset: 'Réinitialiser les filtres',
  },
};

export const NS = 'supervisor';
registerNamespace(NS, { en, fr });
