// Strings of the sign-in page (namespace `auth`).
import { registerNamespace } from '../../shared/i18n/i18n';

export const NS = 'auth';

const en = {
  title: 'Sign in',
  intro: 'Sign in to see the live board of your call centre.',
  name: 'User name',
  password: 'Password',
  submit: 'Sign in',
  submitting: 'Signing in…',
  failed: 'Wrong user name or password.',
  tooMany: 'Too many attempts: wait a minute before trying again.',
  refused: 'The server refused this sign-in ({{message}}).',
  unreachable: 'The server cannot be reached. Check the connection and try again.',
  openMode: 'This board does not ask anyone to sign in.',
  continue: 'Continue',
  wallHint: 'A wall screen does not sign in here: open <0>/wall?token=…</0> with its token.',
};

const fr: typeof en = {
  title: 'Connexion',
  intro: 'Connectez-vous pour voir le tableau en direct de votre centre d’appels.',
  name: 'Nom d’utilisateur',
  password: 'Mot de passe',
  submit: 'Se connecter',
  submitting: 'Connexion…',
  failed: 'Nom d’utilisateur ou mot de passe incorrect.',
  tooMany: 'Trop de tentatives : patientez une minute avant de réessayer.',
  refused: 'Le serveur a refusé cette connexion ({{message}}).',
  unreachable: 'Le serveur est injoignable. Vérifiez la connexion et réessayez.',
  openMode: 'Ce tableau ne demande à personne de se connecter.',
  continue: 'Continuer',
  wallHint: 'Un écran mural ne se connecte pas ici : ouvrez <0>/wall?token=…</0> avec son jeton.',
};

registerNamespace(NS, { en, fr });
