import { lazy, Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useI18n } from './i18n';
import { useAuth } from './auth';
import { LoginPage } from './pages/auth/LoginPage';
import { RegisterPage } from './pages/auth/RegisterPage';
import { AppLayout } from './components/AppLayout';
import { NotFound } from './components/common';

// One chunk per domain: Leaflet lives only in the territory chunk.
const HomePage = lazy(() => import('./pages/home/HomePage'));
const TerritoryPage = lazy(() => import('./pages/territory/TerritoryPage'));
const OrgUnitsPage = lazy(() => import('./pages/org/OrgUnitsPage'));
const OrgUnitDetailPage = lazy(() => import('./pages/org/OrgUnitDetailPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const UserDetailPage = lazy(() => import('./pages/users/UserDetailPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const ReportPage = lazy(() => import('./pages/matters/ReportPage'));
const MatterPage = lazy(() => import('./pages/matters/MatterPage'));
const WorkbenchPage = lazy(() => import('./pages/matters/MatterLists').then((m) => ({ default: m.WorkbenchPage })));
const InboxPage = lazy(() => import('./pages/matters/MatterLists').then((m) => ({ default: m.InboxPage })));
const MinePage = lazy(() => import('./pages/matters/MatterLists').then((m) => ({ default: m.MinePage })));
const CataloguePage = lazy(() => import('./pages/catalogue/CataloguePage'));
const ContactsPage = lazy(() => import('./pages/contacts/ContactsPage'));
const PublicContactsPage = lazy(() => import('./pages/public/PublicContactsPage'));

const spin = <Spin style={{ display: 'block', margin: 48 }} />;

function RequireAuth({ children }: { children: React.ReactNode }) {
  const { me, loading } = useAuth();
  const loc = useLocation();
  if (loading) return spin;
  if (!me) return <Navigate to="/login" replace state={{ from: loc.pathname + loc.search }} />;
  return <>{children}</>;
}

export function App() {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale}>
      <AntApp style={{ height: '100%' }}>
      <Suspense fallback={spin}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/register" element={<RegisterPage />} />
          {/* /public/* renders without a session (no RequireAuth). */}
          <Route path="/public/contacts" element={<PublicContactsPage />} />
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            <Route index element={<HomePage />} />
            <Route path="areas" element={<TerritoryPage />} />
            <Route path="areas/:code" element={<TerritoryPage />} />
            <Route path="org-units" element={<OrgUnitsPage />} />
            <Route path="org-units/:id" element={<OrgUnitDetailPage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="users/:id" element={<UserDetailPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="matters/new" element={<ReportPage />} />
            <Route path="matters/workbench" element={<WorkbenchPage />} />
            <Route path="matters/inbox" element={<InboxPage />} />
            <Route path="matters/mine" element={<MinePage />} />
            <Route path="matters/:id" element={<MatterPage />} />
            <Route path="catalogue" element={<CataloguePage />} />
            <Route path="contacts" element={<ContactsPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </Suspense>
      </AntApp>
    </ConfigProvider>
  );
}
