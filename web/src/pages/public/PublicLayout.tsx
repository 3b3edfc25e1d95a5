import { Suspense } from 'react';
import { Space, Spin, Typography } from 'antd';
import { EditOutlined, MessageOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../../auth';
import { useT, type MessageKey } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';

const NAV: { to: string; key: MessageKey; icon: React.ReactNode; testid: string }[] = [
  { to: '/public', key: 'pub.nav.feed', icon: <MessageOutlined />, testid: 'pub-nav-feed' },
  { to: '/public/post', key: 'pub.nav.post', icon: <EditOutlined />, testid: 'pub-nav-post' },
  { to: '/public/me', key: 'pub.nav.me', icon: <UserOutlined />, testid: 'pub-nav-me' },
  { to: '/public/contacts', key: 'pub.nav.contacts', icon: <PhoneOutlined />, testid: 'pub-nav-contacts' },
];

const COLUMN: React.CSSProperties = { maxWidth: 720, margin: '0 auto', padding: '0 12px' };

/**
 * The citizens' frame: a slim header (name, language, login) and a tab bar fixed to the bottom of
 * the screen, where a thumb reaches it on a phone. No staff menu, no session needed.
 */
export default function PublicLayout() {
  const t = useT();
  const { me } = useAuth();
  const loc = useLocation();
  return (
    <div style={{ minHeight: '100%', background: '#f5f6f8' }} data-testid="public-layout">
      <header style={{ background: '#fff', borderBottom: '1px solid #eee', position: 'sticky', top: 0, zIndex: 10 }}>
        <div style={{ ...COLUMN, display: 'flex', alignItems: 'center', justifyContent: 'space-between', height: 48, gap: 8 }}>
          <Link to="/public" style={{ color: 'inherit', minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {t('app.title')}
            </Typography.Text>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('pub.tagline')}
            </Typography.Text>
          </Link>
          <Space size={8}>
            <LanguageSwitch />
            {me ? (
              <Link to="/public/me" data-testid="pub-user">
                {me.user.displayName}
              </Link>
            ) : (
              <>
                <Link to="/login" state={{ from: loc.pathname + loc.search }} data-testid="pub-login">
                  {t('login.submit')}
                </Link>
                <Link to="/register" state={{ from: loc.pathname + loc.search }} data-testid="pub-register">
                  {t('citizen.register')}
                </Link>
              </>
            )}
          </Space>
        </div>
      </header>
      <main style={{ ...COLUMN, paddingTop: 12, paddingBottom: 76 }}>
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
          <Outlet />
        </Suspense>
      </main>
      <nav style={{ position: 'fixed', left: 0, right: 0, bottom: 0, background: '#fff', borderTop: '1px solid #eee', zIndex: 10 }} data-testid="pub-nav">
        <div style={{ ...COLUMN, display: 'flex' }}>
          {NAV.map((n) => (
            <NavLink
              key={n.to}
              to={n.to}
              end
              data-testid={n.testid}
              style={({ isActive }) => ({
                flex: 1,
                textAlign: 'center',
                padding: '6px 0 8px',
                fontSize: 12,
                color: isActive ? '#1677ff' : 'rgba(0,0,0,0.6)',
              })}
            >
              <div style={{ fontSize: 20, lineHeight: '24px' }}>{n.icon}</div>
              {t(n.key)}
            </NavLink>
          ))}
        </div>
      </nav>
    </div>
  );
}
