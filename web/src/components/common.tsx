import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { Alert, Button, Result, Spin, type FormInstance } from 'antd';
import { Link } from 'react-router';
import { ApiError, isNotFound } from '../api/client';
import type { Action } from '@fengqiao/shared';
import { errorKey, useT, type TFunction } from '../i18n';
import { useAuth } from '../auth';

export function NotFound() {
  const t = useT();
  return (
    <div data-testid="not-found">
    <Result
      status="404"
      title={t('common.notFound')}
      subTitle={t('common.notFoundDesc')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
    </div>
  );
}

export function Forbidden() {
  const t = useT();
  return <Result status="403" title={<span data-testid="forbidden">{t('common.forbidden')}</span>} subTitle={t('common.forbiddenDesc')} />;
}

/** "Translated code label: server message". */
export function errorText(t: TFunction, e: unknown): string {
  if (e instanceof ApiError) {
    const label = t(errorKey(e.code));
    return e.message && e.message !== label ? t('common.errorWithMessage', { label, message: e.message }) : label;
  }
  return e instanceof Error ? e.message : String(e);
}

export function ErrorAlert({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      title={errorText(t, error)}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {details.map((d, i) => (
              <li key={i}>
                <code>{d.path}</code>: {d.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Run an async loader when deps change; the latest call wins. */
export function useAsync<T>(fn: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    fnRef
      .current(ctl.signal)
      .then((d) => {
        if (!ctl.signal.aborted) setData(d);
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) {
          setData(undefined);
          setError(e);
        }
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** Loading / 404 / error wrapper for a page-level fetch. */
export function AsyncGate<T>({ state, children }: { state: AsyncState<T>; children: (data: T) => React.ReactNode }) {
  if (state.error) return isNotFound(state.error) ? <NotFound /> : <ErrorAlert error={state.error} />;
  if (state.data === undefined) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <>{children(state.data)}</>;
}

/** Apply server field errors (details[].path like "roles.0" or "phone") to an antd form. */
export function applyFieldErrors(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormInstance<any>,
  e: unknown,
): boolean {
  if (!(e instanceof ApiError) || e.details.length === 0) return false;
  const known = new Set(Object.keys((form.getFieldsValue(true) ?? {}) as object));
  const byField = new Map<string, string[]>();
  for (const d of e.details) {
    const top = d.path.split('.')[0] ?? '';
    if (!known.has(top)) continue;
    byField.set(top, [...(byField.get(top) ?? []), d.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: [name], errors })));
  return byField.size > 0;
}

/** Render children only when the viewer holds the action; 403 page otherwise. */
export function Guard({ need, children }: { need: Action; children: React.ReactNode }) {
  const { can } = useAuth();
  return can(need) ? <>{children}</> : <Forbidden />;
}
