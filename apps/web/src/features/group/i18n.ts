// Strings of the group detail (namespace `group`).
import { registerNamespace } from '../../shared/i18n';

const en = {
  title: 'Group',
  back: 'Back to the supervisor view',
  notFound: 'Group not found',
  notFoundHint: 'No group has the id {{id}}.',
  live: {
    heading: 'Now',
    waiting: 'Waiting now',
    inConversation: 'In conversation',
    longestWait: 'Max wait today',
    averageWait: 'Average wait',
    averageTalk: 'Average talk time',
    calls: 'Calls today',
    answered: 'Answered',
    serviceLevel: 'Service level',
    serviceLevelHint: 'Answered within {{seconds}}\u00a0s',
    lost: 'Lost',
    escalated: 'Escalated',
    buckets: 'Waiting by time',
    under1m: 'Under 1 min',
    from1to3m: '1 to 3 min',
    over3m: 'Over 3 min',
    operators: 'Members by state',
    breach: 'Threshold breached',
    noLive: 'No live figures for this group yet',
  },
  trend: {
    heading: 'Through the day',
    waiting: 'Callers waiting',
    percent: 'Answered and service level',
    answered: 'Answered %',
    serviceLevel: 'Service level %',
    warning: 'warning',
    critical: 'critical',
    empty: 'No sample yet today: the trend fills in as the day goes',
    loadError: 'The trend could not be loaded',
    chartLabel: '{{series}} from {{from}} to {{to}}, latest {{latest}}',
    step: 'One point every {{seconds}} s',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const fr: Shape<typeof en> = {
  title: 'Groupe',
  back: 'Retour à la vue superviseur',
  notFound: 'Groupe introuvable',
  notFoundHint: 'Aucun groupe n’a l’identifiant {{id}}.',
  live: {
    heading: 'En ce moment',
    waiting: 'En attente',
    inConversation: 'En conversation',
    longestWait: 'Attente max. du jour',
    averageWait: 'Attente moyenne',
    averageTalk: 'Durée moyenne de conversation',
    calls: 'Appels du jour',
    answered: 'Décroché',
    serviceLevel: 'Niveau de service',
    serviceLevelHint: 'Décroché en moins de {{seconds}}\u00a0s',
    lost: 'Perdus',
    escalated: 'Débordés',
    buckets: 'Attente par durée',
    under1m: 'Moins d’1 min',
    from1to3m: '1 à 3 min',
    over3m: 'Plus de 3 min',
    operators: 'Membres par état',
    breach: 'Seuil dépassé',
    noLive: 'Pas encore de chiffres en direct pour ce groupe',
  },
  trend: {
    heading: 'Au fil de la journée',
    waiting: 'Appelants en attente',
    percent: 'Décroché et niveau de service',
    answered: 'Décroché %',
    serviceLevel: 'Niveau de service %',
    warning: 'alerte',
    critical: 'critique',
    empty: 'Aucun relevé aujourd’hui : la tendance se remplit au fil de la journée',
    loadError: 'Impossible de charger la tendance',
    chartLabel: '{{series}} de {{from}} à {{to}}, dernier relevé {{latest}}',
    step: 'Un point toutes les {{seconds}} s',
  },
};

export const NS = 'group';
registerNamespace(NS, { en, fr });
