// Strings shared by every screen (namespace `common`).
const en = {
  appName: 'Vigie',
  skipToContent: 'Skip to content',
  nav: {
    label: 'Main navigation',
    supervisor: 'Supervisor',
    wall: 'Wall-board',
    stats: 'Statistics',
    screens: 'Screens',
  },
  state: {
    available: 'Available',
    ringing: 'Ringing',
    calling: 'Calling',
    connected: 'On a call',
    unavailable: 'Unavailable',
    loggedOut: 'Logged out',
  },
  connection: {
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting to the board…',
    waiting: 'Waiting for first data',
    degraded: 'Axialys degraded',
    down: 'Axialys down',
    unauthorized: 'Axialys refused access',
    stale: 'Figures delayed',
  },
  upstream: {
    waiting: 'Waiting for the first figures from Axialys',
    degraded: 'Some figures could not be refreshed',
    down: 'Axialys cannot be reached',
    unauthorized: 'Axialys refused the credentials',
    redisDown: 'Redis cannot be reached: no instance polls Axialys',
    dataFrom: 'data from {{time}}, {{age}} old',
    noData: 'no data received yet',
  },
  age: {
    ago: '{{age}} ago',
    never: 'never updated',
    label: 'Updated {{age}} ago',
  },
  demo: 'Demo',
  demoTitle: 'Simulated call centre: the figures are not real',
  zone: {
    note: 'Times in {{zone}} ({{offset}})',
    short: '{{zone}} ({{offset}})',
    title: 'The account’s time zone; your browser is at {{browser}}',
  },
  demoClock: 'clock {{shift}}',
  demoClockTitle:
    'Simulated call centre: the figures are not real. It runs a working day: its clock (and the board’s) is {{shift}} from real time (SIM_CLOCK=real keeps the real hour).',
  language: 'Language',
  languages: { en: 'English', fr: 'Français' },
  loading: 'Loading…',
  empty: 'Nothing to show',
  access: {
    account: 'Signed in as {{name}}, {{role}}',
    role: { supervisor: 'supervisor', teamlead: 'team lead', display: 'display' },
    signOut: 'Sign out',
    signOutFailed: 'Signing out failed; try again.',
    notAllowed: 'Not allowed',
    notAllowedHint:
      'Your account cannot open this screen or these figures. Ask a supervisor if you need them.',
    displayOnly: 'This screen only shows the wall-board',
    displayOnlyHint:
      'It is signed in as the display “{{name}}”, which may not open the interactive screens.',
    openWall: 'Open the wall-board',
    sessionError: 'Your session could not be checked',
    checking: 'Checking your session…',
  },
  error: {
    title: 'Something went wrong',
    retry: 'Try again',
    notFound: 'Page not found',
    notFoundHint: 'This address does not lead to any screen.',
    backHome: 'Back to the supervisor view',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const fr: Shape<typeof en> = {
  appName: 'Vigie',
  skipToContent: 'Aller au contenu',
  nav: {
    label: 'Navigation principale',
    supervisor: 'Superviseur',
    wall: 'Mur',
    stats: 'Statistiques',
    screens: 'Écrans',
  },
  state: {
    available: 'Disponible',
    ringing: 'Sonne',
    calling: 'Appel sortant',
    connected: 'En appel',
    unavailable: 'Indisponible',
    loggedOut: 'Déconnecté',
  },
  connection: {
    connecting: 'Connexion…',
    live: 'En direct',
    reconnecting: 'Reconnexion au tableau…',
    waiting: 'En attente des premières données',
    degraded: 'Axialys perturbé',
    down: 'Axialys injoignable',
    unauthorized: 'Axialys refuse l’accès',
    stale: 'Chiffres en retard',
  },
  upstream: {
    waiting: 'En attente des premiers chiffres d’Axialys',
    degraded: 'Certains chiffres n’ont pas pu être actualisés',
    down: 'Axialys est injoignable',
    unauthorized: 'Axialys a refusé les identifiants',
    redisDown: 'Redis est injoignable : aucune instance n’interroge Axialys',
    dataFrom: 'données de {{time}}, il y a {{age}}',
    noData: 'aucune donnée reçue',
  },
  age: {
    ago: 'il y a {{age}}',
    never: 'jamais actualisé',
    label: 'Actualisé il y a {{age}}',
  },
  demo: 'Démo',
  demoTitle: 'Centre d’appels simulé : les chiffres ne sont pas réels',
  zone: {
    note: 'Heure du fuseau {{zone}} ({{offset}})',
    short: '{{zone}} ({{offset}})',
    title: 'Le fuseau du compte ; votre navigateur est à {{browser}}',
  },
  demoClock: 'horloge {{shift}}',
  demoClockTitle:
    'Centre d’appels simulé : les chiffres ne sont pas réels. Il vit une journée de travail : son horloge (et celle du tableau) est décalée de {{shift}} sur l’heure réelle (SIM_CLOCK=real garde l’heure réelle).',
  language: 'Langue',
  languages: { en: 'English', fr: 'Français' },
  loading: 'Chargement…',
  empty: 'Rien à afficher',
  access: {
    account: 'Connecté : {{name}}, {{role}}',
    role: { supervisor: 'superviseur', teamlead: 'chef d’équipe', display: 'écran' },
    signOut: 'Se déconnecter',
    signOutFailed: 'La déconnexion a échoué ; réessayez.',
    notAllowed: 'Accès non autorisé',
    notAllowedHint:
      'Votre compte ne peut pas ouvrir cet écran ni ces chiffres. Demandez à un superviseur si vous en avez besoin.',
    displayOnly: 'Cet écran n’affiche que le mur',
    displayOnlyHint:
      'Il est connecté comme l’écran « {{name}} », qui ne peut pas ouvrir les écrans interactifs.',
    openWall: 'Ouvrir le mur',
    sessionError: 'Votre session n’a pas pu être vérifiée',
    checking: 'Vérification de la session…',
  },
  error: {
    title: 'Une erreur est survenue',
    retry: 'Réessayer',
    notFound: 'Page introuvable',
    notFoundHint: 'Cette adresse ne mène à aucun écran.',
    backHome: 'Retour à la vue superviseur',
  },
};

export const common = { en, fr };
