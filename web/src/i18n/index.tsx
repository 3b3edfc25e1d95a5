import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { MATTER_TRANSITIONS } from '@fengqiao/shared';
import type { Action, AreaLevel, ErrorCode, MatterAction, MatterChannel, MatterEvent, MatterState, MATTER_QUEUES, OrgKind, Rating, ReferralSource, Role, SupervisionKind, SupervisionState, Urgency, WarningLevel } from '@fengqiao/shared';
import { zhCN, type MessageKey } from './zh-CN';
import { enUS } from './en-US';

export type Lang = 'zh-CN' | 'en-US';
export type { MessageKey };
export type Vars = Record<string, string | number>;
export type TFunction = (key: MessageKey, vars?: Vars) => string;

const DICTS: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'fq.lang';

function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'zh-CN' || v === 'en-US') return v;
  } catch {
    /* storage unavailable */
  }
  return 'zh-CN';
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const s = DICTS[lang][key] ?? key;
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

interface I18nValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
    document.documentElement.lang = l;
  }, []);
  const t = useCallback<TFunction>((key, vars) => translate(lang, key, vars), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export function useT(): TFunction {
  return useI18n().t;
}

// Code-table labels. The template-literal types make TypeScript check that every code has a key.
export const levelKey = (l: AreaLevel): MessageKey => `level.${l}`;
export const roleKey = (r: Role): MessageKey => `role.${r}`;
export const orgKindKey = (k: OrgKind): MessageKey => `orgKind.${k}`;
export const actionKey = (a: Action): MessageKey => `action.${a}`;
export const errorKey = (c: ErrorCode | 'NETWORK'): MessageKey => `error.${c}`;

export const channelKey = (c: MatterChannel): MessageKey => `channel.${c}`;
export const referralKey = (r: ReferralSource): MessageKey => `referral.${r}`;
export const urgencyKey = (u: Urgency): MessageKey => `urgency.${u}`;
export const stateKey = (s: MatterState): MessageKey => `state.${s}`;
export const ratingKey = (r: Rating): MessageKey => `rating.${r}`;
export const warningKey = (w: WarningLevel): MessageKey => `warning.${w}`;
export const queueKey = (q: (typeof MATTER_QUEUES)[number] | 'all'): MessageKey => `queue.${q}`;
export const matterActionKey = (a: MatterAction): MessageKey => `mact.${a}`;
/** Timeline entries: a user action or a system event. */
export const timelineKey = (a: MatterAction | MatterEvent): MessageKey =>
  (a as string) in MATTER_TRANSITIONS ? `mact.${a as MatterAction}` : `mevent.${a as MatterEvent}`;
export const supervisionKindKey = (k: SupervisionKind): MessageKey => `supervision.kind.${k}`;
export const supervisionStateKey = (s: SupervisionState): MessageKey => `supervision.state.${s}`;
