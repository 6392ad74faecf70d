// Strings of the screens page (namespace `screens`).
import { registerNamespace } from '../../shared/i18n';

const en = {
  title: 'Screens',
  intro:
    'The wall screens: each opens the wall with its own link. A new screen’s link is shown once; revoke a screen to cut it off at once.',
  savedAs: 'Changes are saved as {{name}}.',
  create: {
    open: 'Add a screen',
    legend: 'New screen',
    name: 'Name',
    nameHint: 'Where it hangs, e.g. “Open space, 2nd floor”',
    board: 'Board',
    boardHint: 'A board id; empty: the default board',
    submit: 'Create',
    cancel: 'Cancel',
  },
  created: {
    title: 'Screen “{{name}}” created',
    once: 'This link is shown only now: open it on the TV, or scan the code. Nobody can show it again; if it is lost, revoke the screen and add another.',
    link: 'Link for the TV',
    copy: 'Copy the link',
    copied: 'Copied',
    qr: 'QR code of the link',
    qrLoading: 'Drawing the QR code…',
    done: 'Done',
  },
  list: {
    caption: 'Every screen and whether it is on the wall now',
    name: 'Name',
    status: 'Status',
    lastSeen: 'Last seen',
    address: 'Address',
    board: 'Board',
    actions: 'Actions',
    online: 'Online',
    offline: 'Offline',
    never: 'Never',
    ago: '{{age}} ago',
    defaultBoard: 'Default board',
    fromFile: 'Read-only: from {{origin}}',
    empty: 'No screen yet. Add one, then open its link on the TV.',
    loadError: 'The screens could not be loaded',
  },
  edit: {
    rename: 'Edit',
    save: 'Save',
    cancel: 'Cancel',
    nameOf: 'Name of {{name}}',
    boardOf: 'Board of {{name}}',
  },
  revoke: {
    button: 'Revoke',
    confirm:
      'Revoke “{{name}}”? The TV leaves the wall within a second and its link stops working for good.',
    yes: 'Revoke it',
    no: 'Keep it',
  },
  errors: {
    conflict: 'Someone changed this screen meanwhile: the list is reloaded, try again.',
    forbidden: 'Only a supervisor manages the screens.',
    failed: 'Not saved: {{message}}',
  },
};

const fr: typeof en = {
  title: 'Écrans',
  intro:
    'Les écrans du mur : chacun ouvre le mur avec son propre lien. Le lien d’un nouvel écran n’est montré qu’une fois ; révoquez un écran pour le couper aussitôt.',
  savedAs: 'Les modifications sont enregistrées au nom de {{name}}.',
  create: {
    open: 'Ajouter un écran',
    legend: 'Nouvel écran',
    name: 'Nom',
    nameHint: 'Où il est accroché, p. ex. « Plateau, 2e étage »',
    board: 'Tableau',
    boardHint: 'Identifiant d’un tableau ; vide : le tableau par défaut',
    submit: 'Créer',
    cancel: 'Annuler',
  },
  created: {
    title: 'Écran « {{name}} » créé',
    once: 'Ce lien n’est montré que maintenant : ouvrez-le sur la télévision, ou scannez le code. Personne ne pourra le réafficher ; s’il est perdu, révoquez l’écran et ajoutez-en un autre.',
    link: 'Lien pour la télévision',
    copy: 'Copier le lien',
    copied: 'Copié',
    qr: 'QR code du lien',
    qrLoading: 'Dessin du QR code…',
    done: 'Terminé',
  },
  list: {
    caption: 'Tous les écrans, et s’ils affichent le mur en ce moment',
    name: 'Nom',
    status: 'État',
    lastSeen: 'Vu pour la dernière fois',
    address: 'Adresse',
    board: 'Tableau',
    actions: 'Actions',
    online: 'En ligne',
    offline: 'Hors ligne',
    never: 'Jamais',
    ago: 'il y a {{age}}',
    defaultBoard: 'Tableau par défaut',
    fromFile: 'Lecture seule : vient de {{origin}}',
    empty: 'Aucun écran. Ajoutez-en un, puis ouvrez son lien sur la télévision.',
    loadError: 'Les écrans n’ont pas pu être chargés',
  },
  edit: {
    rename: 'Modifier',
    save: 'Enregistrer',
    cancel: 'Annuler',
    nameOf: 'Nom de {{name}}',
    boardOf: 'Tableau de {{name}}',
  },
  revoke: {
    button: 'Révoquer',
    confirm:
      'Révoquer « {{name}} » ? La télévision quitte le mur en moins d’une seconde et son lien ne fonctionnera plus jamais.',
    yes: 'Le révoquer',
    no: 'Le garder',
  },
  errors: {
    conflict: 'Quelqu’un a modifié cet écran entre-temps : la liste est rechargée, réessayez.',
    forbidden: 'Seul un superviseur gère les écrans.',
    failed: 'Non enregistré : {{message}}',
  },
};

export const NS = 'screens';
registerNamespace(NS, { en, fr });
