import { Suspense, useMemo, useState } from 'react';
import { Avatar, Dropdown, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, EnvironmentOutlined, HomeOutlined, LogoutOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Action } from '@fengqiao/shared';
import { roleKey, useT, type MessageKey } from '../i18n';
import { useAuth, useMe } from '../auth';
import { LanguageSwitch } from './LanguageSwitch';

interface NavItem {
  path: string;
  key: MessageKey;
  icon: React.ReactNode;
  need?: Action;
  testid: string;
}

const NAV: NavItem[] = [
  { path: '/', key: 'menu.home', icon: <HomeOutlined />, testid: 'menu-home' },
  { path: '/areas', key: 'menu.areas', icon: <EnvironmentOutlined />, need: 'area.read', testid: 'menu-areas' },
  { path: '/org-units', key: 'menu.orgUnits', icon: <ApartmentOutlined />, need: 'org.read', testid: 'menu-org-units' },
  { path: '/users', key: 'menu.users', icon: <TeamOutlined />, need: 'user.read', testid: 'menu-users' },
  { path: '/audit', key: 'menu.audit', icon: <AuditOutlined />, need: 'audit.read', testid: 'menu-audit' },
];

export function AppLayout() {
  const t = useT();
  const me = useMe();
  const { can, logout } = useAuth();
  const nav = useNavigate();
  const loc = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo(
    () =>
      NAV.filter((n) => !n.need || can(n.need)).map((n) => ({
        key: n.path,
        icon: n.icon,
        label: <span data-testid={n.testid}>{t(n.key)}</span>,
      })),
    [can, t],
  );
  const selected = NAV.filter((n) => n.path !== '/' && loc.pathname.startsWith(n.path)).map((n) => n.path);

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={200}>
        <div className="fq-logo">
          {t('app.title')}
          {!collapsed && <small>{t('app.subtitle')}</small>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-menu"
          selectedKeys={selected.length ? selected : loc.pathname === '/' ? ['/'] : []}
          items={items}
          onClick={(e) => nav(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 16 }}>
          <Space size={4} wrap={false} style={{ overflow: 'hidden' }}>
            {me.user.roles.map((r) => (
              <Tag key={r} color="blue">
                {t(roleKey(r))}
              </Tag>
            ))}
          </Space>
          <Typography.Text type="secondary" data-testid="header-scope">
            {t('header.scope', { name: me.scopeArea.name })}
          </Typography.Text>
          <LanguageSwitch />
          <Dropdown
            menu={{
              items: [{ key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('common.logout')}</span> }],
              onClick: async ({ key }) => {
                if (key === 'logout') {
                  await logout();
                  nav('/login', { replace: true });
                }
              },
            }}
          >
            <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} />
              <span data-testid="header-user">{me.user.displayName}</span>
            </Space>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

