import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Me, type Action, type LoginBody } from '@fengqiao/shared';
import { api, ApiError, onUnauthorized, setCsrfToken } from './api/client';

type MeT = Me;

interface AuthValue {
  me: MeT | null;
  /** True until the first /api/auth/me answer. */
  loading: boolean;
  login: (body: LoginBody) => Promise<MeT>;
  /** POSTs to a route that answers Me and sets the session cookie (citizen login, register). */
  loginAt: (path: string, body: unknown) => Promise<MeT>;
  logout: () => Promise<void>;
  can: (a: Action) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<MeT | null>(null);
  const [loading, setLoading] = useState(true);

  const setMe = useCallback((m: MeT | null) => {
    setCsrfToken(m?.csrfToken ?? null);
    setMeState(m);
  }, []);

  useEffect(() => {
    let alive = true;
    api('/api/auth/me', { schema: Me, noAuthRedirect: true })
      .then((m) => alive && setMe(m))
      .catch(() => alive && setMe(null))
      .finally(() => alive && setLoading(false));
    const off = onUnauthorized(() => setMe(null));
    return () => {
      alive = false;
      off();
    };
  }, [setMe]);

  const login = useCallback(
    async (body: LoginBody) => {
      const m = await api('/api/auth/login', { method: 'POST', body, schema: Me, noAuthRedirect: true });
      setMe(m);
      return m;
    },
    [setMe],
  );

  const loginAt = useCallback(
    async (path: string, body: unknown) => {
      const m = await api(path, { method: 'POST', body, schema: Me, noAuthRedirect: true });
      setMe(m);
      return m;
    },
    [setMe],
  );

  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST', noAuthRedirect: true });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setMe(null);
  }, [setMe]);

  const can = useCallback((a: Action) => !!me?.permissions.includes(a), [me]);
  const value = useMemo(() => ({ me, loading, login, loginAt, logout, can }), [me, loading, login, loginAt, logout, can]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** For pages rendered under the authenticated layout. */
export function useMe(): MeT {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}

/** A citizen account with no staff role: it uses the public pages, not the staff workspace. */
export const isCitizenOnly = (m: MeT): boolean => m.user.roles.length > 0 && m.user.roles.every((r) => r === 'citizen');

/** Where a login goes: back to the page that asked for it, else the citizen's 我的 or the staff home. */
export function landingFor(m: MeT, from?: string | null): string {
  if (from && from !== '/' && from !== '/login' && from !== '/register') return from;
  return isCitizenOnly(m) ? '/public/me' : '/';
}
