// Strings shared by every screen (namespace `common`).
const en = {
  appName: 'Vigie',
  skipToContent: 'Skip to content',
  nav: {
    label: 'Main navigation',
    supervisor: 'Supervisor',
    wall: 'Wall-board',
    stats: 'Statistics',
  },
  state: {
    available: 'Available',
    ringing: 'Ringing',
    calling: 'Calling',
    connected: 'On a call',
    unavailable: 'Unavailable',
  },
  connection: {
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting…',
  },
  upstream: {
    degraded: 'Some figures could not be refreshed',
    down: 'Axialys cannot be reached',
    unauthorized: 'Axialys refused the credentials',
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
  language: 'Language',
  languages: { en: 'English', fr: 'Français' },
  loading: 'Loading…',
  empty: 'Nothing to show',
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
  },
  state: {
    available: 'Disponible',
    ringing: 'Sonne',
    calling: 'Appel sortant',
    connected: 'En appel',
    unavailable: 'Indisponible',
  },
  connection: {
    connecting: 'Connexion…',
    live: 'En direct',
    reconnecting: 'Reconnexion…',
  },
  upstream: {
    degraded: 'Certains chiffres n’ont pas pu être actualisés',
    down: 'Axialys est injoignable',
    unauthorized: 'Axialys a refusé les identifiants',
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
  language: 'Langue',
  languages: { en: 'English', fr: 'Français' },
  loading: 'Chargement…',
  empty: 'Rien à afficher',
  error: {
    title: 'Une erreur est survenue',
    retry: 'Réessayer',
    notFound: 'Page introuvable',
    notFoundHint: 'Cette adresse ne mène à aucun écran.',
    backHome: 'Retour à la vue superviseur',
  },
};

export const common = { en, fr };
