// Strings of the wall-board (namespace `wall`).
import { registerNamespace } from '../../shared/i18n/i18n';

const en = {
  title: 'Wall-board',
  operators: 'Operators',
  groups: 'Queues',
  waiting: 'Waiting',
  longestWait: 'Max wait today',
  buckets: 'Waiting for',
  under1m: '< 1 min',
  from1to3m: '1–3 min',
  over3m: '> 3 min',
  answered: 'Answered',
  serviceLevel: 'Service level',
  serviceLevelHint: 'answered within {{seconds}} s',
  lost: 'Lost',
  calls: 'Calls',
  sound: {
    on: 'Sound on',
    onTitle: 'The wall beeps at each new alert. Press to mute until the next one.',
    muted: 'Muted until the next alert',
    mutedTitle: 'No beep until a new alert is raised. Press to turn the sound back on.',
    blocked: 'Sound blocked',
    blockedTitle: 'The browser does not let this page play sound yet. Press to allow it.',
  },
  noCalls: 'no call yet',
  noOperators: 'No operator to show',
  noGroups: 'No queue to show',
  waitingFirstSnapshot: 'Waiting for the first figures…',
  page: 'Page {{page}} of {{pages}}',
  lowerBound: 'at least',
  since: 'since {{time}}',
  noAlerts: 'No active alert',
  stale: 'Old figures: older than two polls',
  boardError: 'Display error: showing the last good figures',
  legend: 'Operators by state',
  auth: {
    title: 'This screen is not authorised yet',
    hint: 'Open this address on the screen, with the display token it was given:',
    refusedTitle: 'This screen’s token was refused',
    refusedHint:
      'The token is unknown or has been withdrawn. Open this address with a valid display token:',
    retry:
      'Checking again every {{seconds}} s: the board appears by itself once the screen is allowed.',
    person: 'Sign in as a person',
  },
};

const fr: typeof en = {
  title: 'Mur',
  operators: 'Opérateurs',
  groups: 'Files d’attente',
  waiting: 'En attente',
  longestWait: 'Attente max. du jour',
  buckets: 'Attendent depuis',
  under1m: '< 1 min',
  from1to3m: '1–3 min',
  over3m: '> 3 min',
  answered: 'Décroché',
  serviceLevel: 'Qualité de service',
  serviceLevelHint: 'décroché en {{seconds}} s',
  lost: 'Perdus',
  calls: 'Appels',
  sound: {
    on: 'Son activé',
    onTitle: 'Le mur sonne à chaque nouvelle alerte. Appuyer pour couper jusqu’à la prochaine.',
    muted: 'Muet jusqu’à la prochaine alerte',
    mutedTitle: 'Aucun bip avant une nouvelle alerte. Appuyer pour remettre le son.',
    blocked: 'Son bloqué',
    blockedTitle:
      'Le navigateur n’autorise pas encore le son sur cette page. Appuyer pour l’autoriser.',
  },
  noCalls: 'aucun appel',
  noOperators: 'Aucun opérateur à afficher',
  noGroups: 'Aucune file à afficher',
  waitingFirstSnapshot: 'En attente des premiers chiffres…',
  page: 'Page {{page}} sur {{pages}}',
  lowerBound: 'au moins',
  since: 'depuis {{time}}',
  noAlerts: 'Aucune alerte en cours',
  stale: 'Chiffres anciens : plus vieux que deux relevés',
  boardError: 'Erreur d’affichage : derniers chiffres valides affichés',
  legend: 'Opérateurs par état',
  auth: {
    title: 'Cet écran n’est pas encore autorisé',
    hint: 'Ouvrez cette adresse sur l’écran, avec le jeton d’affichage qui lui a été attribué :',
    refusedTitle: 'Le jeton de cet écran a été refusé',
    refusedHint:
      'Le jeton est inconnu ou a été retiré. Ouvrez cette adresse avec un jeton d’affichage valide :',
    retry:
      'Nouvelle vérification toutes les {{seconds}} s : le tableau s’affichera de lui-même une fois l’écran autorisé.',
    person: 'Se connecter en tant que personne',
  },
};

registerNamespace('wall', { en, fr });
