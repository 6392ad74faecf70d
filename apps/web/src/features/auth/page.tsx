// /sign-in: a person signs in with name and password, then goes back where they were (?next=).
import './i18n';
import './auth.css';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/fetch-json';
import { safeNextPath } from '../../shared/auth/next-path';
import { useSession } from '../../shared/auth/session';
import { LanguageSwitcher } from '../../shared/ui/language-switcher';
import { useSignIn } from './api/sign-in';
import { NS } from './i18n';

export default function SignInPage() {
  const { t } = useTranslation(NS);
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const { principal, session } = useSession();
  const ids = { name: useId(), password: useId(), error: useId() };
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  const signIn = useSignIn(() => void navigate(next, { replace: true }));

  // Already a person here (e.g. back button after signing in): straight on.
  if (principal?.kind === 'user' && !signIn.isPending) return <Navigate to={next} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (signIn.isPending) return;
    signIn.mutate(
      { name: name.trim(), password },
      {
        onError: () => {
          setPassword('');
          passwordRef.current?.focus();
        },
      },
    );
  };

  const error = signIn.error ? t(errorKey(signIn.error), { message: signIn.error.message }) : null;

  return (
    <main className="signin" data-testid="sign-in-page">
      <div className="signin-top">
        <span className="signin-brand">{t('common:appName')}</span>
        <LanguageSwitcher />
      </div>
      <section className="signin-card" aria-labelledby="signin-title">
        <h1 id="signin-title">{t('title')}</h1>
        {session?.principal.kind === 'open' ? (
          <div data-testid="sign-in-open">
            <p>{t('openMode')}</p>
            <Link className="button signin-submit" to={next}>
              {t('continue')}
            </Link>
          </div>
        ) : (
          <form className="signin-form" onSubmit={onSubmit}>
            <p className="signin-intro">{t('intro')}</p>
            <label htmlFor={ids.name}>{t('name')}</label>
            <input
              id={ids.name}
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={128}
              // A sign-in page is for typing: start in its first field.
              autoFocus
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
              data-testid="sign-in-name"
            />
            <label htmlFor={ids.password}>{t('password')}</label>
            <input
              id={ids.password}
              ref={passwordRef}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={1024}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
              data-testid="sign-in-password"
            />
            {error && (
              <p id={ids.error} className="signin-error" role="alert" data-testid="sign-in-error">
                {error}
              </p>
            )}
            <button
              type="submit"
              className="button signin-submit"
              disabled={signIn.isPending}
              aria-busy={signIn.isPending}
              data-testid="sign-in-submit"
            >
              {signIn.isPending ? t('submitting') : t('submit')}
            </button>
            <p className="signin-hint">
              <Trans t={t} i18nKey="wallHint" components={[<code key="address" />]} />
            </p>
          </form>
        )}
      </section>
    </main>
  );
}

/** One message per kind of failure; 401 says the same for an unknown user and a wrong password. */
function errorKey(error: ApiError): 'unreachable' | 'failed' | 'tooMany' | 'refused' {
  if (!(error instanceof ApiError) || error.status === 0) return 'unreachable';
  if (error.status === 401) return 'failed';
  if (error.status === 429) return 'tooMany';
  return 'refused';
}
