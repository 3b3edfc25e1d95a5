import { lazy, Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useI18n } from './i18n';
import { isCitizenOnly, useAuth } from './auth';
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
const ApiKeysPage = lazy(() => import('./pages/open311/ApiKeysPage'));
const ClassifierPage = lazy(() => import('./pages/classification/ClassifierPage'));
const SupervisionPage = lazy(() => import('./pages/supervision/SupervisionPage'));
const HotIssuesPage = lazy(() => import('./pages/hot-issues/HotIssuesPage'));
const DisputeDeskPage = lazy(() => import('./pages/disputes/DeskPage'));
const DisputeIntakePage = lazy(() => import('./pages/disputes/IntakePage'));
const DisputeCasePage = lazy(() => import('./pages/disputes/CasePage'));
const ScreeningPage = lazy(() => import('./pages/disputes/ScreeningPage'));
const MeetingsPage = lazy(() => import('./pages/disputes/MeetingsPage'));
const DisputeStatsPage = lazy(() => import('./pages/disputes/StatsPage'));
const MediatorsPage = lazy(() => import('./pages/disputes/MediatorsPage').then((m) => ({ default: m.MediatorsPage })));
const MediatorDetailPage = lazy(() => import('./pages/disputes/MediatorsPage').then((m) => ({ default: m.MediatorDetailPage })));
const StudioPage = lazy(() => import('./pages/disputes/MediatorsPage').then((m) => ({ default: m.StudioPage })));
const PublicContactsPage = lazy(() => import('./pages/public/PublicContactsPage'));
const PublicLayout = lazy(() => import('./pages/public/PublicLayout'));
const FeedPage = lazy(() => import('./pages/public/FeedPage'));
const PublicMatterPage = lazy(() => import('./pages/public/PublicMatterPage'));
const PostPage = lazy(() => import('./pages/public/PostPage'));
const MePage = lazy(() => import('./pages/public/MePage'));
const MyMatterPage = lazy(() => import('./pages/public/MyMatterPage'));
const SupervisePage = lazy(() => import('./pages/public/SupervisePage'));
const ResetPage = lazy(() => import('./pages/public/ResetPage'));

const spin = <Spin style={{ display: 'block', margin: 48 }} />;

function RequireAuth({ children }: { children: React.ReactNode }) {
  const { me, loading } = useAuth();
  const loc = useLocation();
  if (loading) return spin;
  if (!me) return <Navigate to="/login" replace state={{ from: loc.pathname + loc.search }} />;
  return <>{children}</>;
}

/** Citizens use the public pages: the staff home and a matter's staff page (notification links) lead there. */
function CitizenRedirect({ children }: { children: React.ReactNode }) {
  const { me } = useAuth();
  const loc = useLocation();
  if (me && isCitizenOnly(me)) {
    if (loc.pathname === '/') return <Navigate to="/public" replace />;
    const own = /^\/matters\/([0-9a-f-]{36})$/i.exec(loc.pathname);
    if (own) return <Navigate to={`/public/mine/${own[1]}`} replace />;
  }
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
          {/* /public/* renders without a session; only posting and the citizen's own pages need one. */}
          <Route path="/public" element={<PublicLayout />}>
            <Route index element={<FeedPage />} />
            <Route path="matters/:number" element={<PublicMatterPage />} />
            <Route path="contacts" element={<PublicContactsPage />} />
            <Route path="reset" element={<ResetPage />} />
            <Route path="post" element={<RequireAuth><PostPage /></RequireAuth>} />
            <Route path="me" element={<RequireAuth><MePage /></RequireAuth>} />
            <Route path="mine/:id" element={<RequireAuth><MyMatterPage /></RequireAuth>} />
            <Route path="supervise" element={<RequireAuth><SupervisePage /></RequireAuth>} />
            <Route path="*" element={<NotFound />} />
          </Route>
          <Route
            element={
              <RequireAuth>
                <CitizenRedirect>
                  <AppLayout />
                </CitizenRedirect>
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
            <Route path="open311-keys" element={<ApiKeysPage />} />
            <Route path="classifier" element={<ClassifierPage />} />
            <Route path="disputes" element={<DisputeDeskPage />} />
            <Route path="disputes/new" element={<DisputeIntakePage />} />
            <Route path="disputes/screening" element={<ScreeningPage />} />
            <Route path="disputes/meetings" element={<MeetingsPage />} />
            <Route path="disputes/stats" element={<DisputeStatsPage />} />
            <Route path="disputes/mediators" element={<MediatorsPage />} />
            <Route path="disputes/mediators/:id" element={<MediatorDetailPage />} />
            <Route path="disputes/studios/:id" element={<StudioPage />} />
            <Route path="disputes/:id" element={<DisputeCasePage />} />
            <Route path="supervision" element={<SupervisionPage />} />
            <Route path="hot-issues" element={<HotIssuesPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </Suspense>
      </AntApp>
    </ConfigProvider>
  );
}
