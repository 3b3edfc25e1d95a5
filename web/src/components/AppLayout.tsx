import { Suspense, useMemo, useState } from 'react';
import { Avatar, Dropdown, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  ApiOutlined,
  ExperimentOutlined,
  AuditOutlined,
  ControlOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DeploymentUnitOutlined,
  FileSearchOutlined,
  FireOutlined,
  FormOutlined,
  IdcardOutlined,
  SolutionOutlined,
  EnvironmentOutlined,
  FileAddOutlined,
  HomeOutlined,
  PhoneOutlined,
  InboxOutlined,
  LogoutOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Action, Me } from '@fengqiao/shared';
import { roleKey, useT, type MessageKey } from '../i18n';
import { useAuth, useMe } from '../auth';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

interface NavItem {
  path: string;
  key: MessageKey;
  icon: React.ReactNode;
  need?: Action;
  /** Extra condition on the viewer (roles, unit), on top of `need`. */
  show?: (me: Me) => boolean;
  testid: string;
  /** A group (its `path` is only a key): shown when one of its items is. */
  children?: NavItem[];
}

const hasRole = (me: Me, ...roles: Me['user']['roles']) => me.user.roles.some((r) => roles.includes(r));

/** 矛盾纠纷: everyone holding a dispute action sees the group, each page by its own action. */
const DISPUTE_NAV: NavItem[] = [
  { path: '/disputes/new', key: 'menu.disputeNew', icon: <FormOutlined />, need: 'dispute.create', testid: 'menu-dispute-new' },
  { path: '/disputes', key: 'menu.disputeDesk', icon: <SolutionOutlined />, need: 'dispute.read', testid: 'menu-dispute-desk' },
  { path: '/disputes/screening', key: 'menu.disputeScreening', icon: <FileSearchOutlined />, need: 'dispute.read', testid: 'menu-dispute-screening' },
  {
    path: '/disputes/meetings',
    key: 'menu.disputeMeetings',
    icon: <CalendarOutlined />,
    need: 'dispute.manage',
    show: (me) => hasRole(me, 'dispatcher', 'case_leader', 'command_operator', 'admin'),
    testid: 'menu-dispute-meetings',
  },
  { path: '/disputes/stats', key: 'menu.disputeStats', icon: <BarChartOutlined />, need: 'dispute.read', testid: 'menu-dispute-stats' },
  { path: '/disputes/mediators', key: 'menu.disputeMediators', icon: <IdcardOutlined />, need: 'dispute.read', testid: 'menu-dispute-mediators' },
];

const NAV: NavItem[] = [
  { path: '/', key: 'menu.home', icon: <HomeOutlined />, testid: 'menu-home' },
  { path: '/matters/new', key: 'menu.matterNew', icon: <FileAddOutlined />, need: 'matter.create', testid: 'menu-matter-new' },
  {
    path: '/matters/workbench',
    key: 'menu.workbench',
    icon: <ControlOutlined />,
    need: 'matter.act',
    show: (me) => hasRole(me, 'dispatcher', 'command_operator', 'admin'),
    testid: 'menu-workbench',
  },
  {
    path: '/matters/inbox',
    key: 'menu.inbox',
    icon: <InboxOutlined />,
    need: 'matter.act',
    show: (me) => !!me.user.unitId && hasRole(me, 'dept_handler', 'dept_leader', 'mediator', 'case_leader', 'community_staff', 'dispatcher', 'command_operator'),
    testid: 'menu-inbox',
  },
  { path: '/matters/mine', key: 'menu.mine', icon: <ProfileOutlined />, need: 'matter.create', testid: 'menu-mine' },
  { path: 'group:disputes', key: 'menu.disputes', icon: <DeploymentUnitOutlined />, testid: 'menu-disputes', children: DISPUTE_NAV },
  { path: '/hot-issues', key: 'menu.hotIssues', icon: <FireOutlined />, need: 'hot_issue.read', testid: 'menu-hot-issues' },
  { path: '/supervision', key: 'menu.supervision', icon: <SafetyCertificateOutlined />, need: 'supervision.read', testid: 'menu-supervision' },
  { path: '/catalogue', key: 'menu.catalogue', icon: <SettingOutlined />, need: 'catalog.read', testid: 'menu-catalogue' },
  { path: '/areas', key: 'menu.areas', icon: <EnvironmentOutlined />, need: 'area.read', testid: 'menu-areas' },
  { path: '/org-units', key: 'menu.orgUnits', icon: <ApartmentOutlined />, need: 'org.read', testid: 'menu-org-units' },
  { path: '/contacts', key: 'menu.contacts', icon: <PhoneOutlined />, need: 'contact.read', testid: 'menu-contacts' },
  { path: '/open311-keys', key: 'menu.open311Keys', icon: <ApiOutlined />, need: 'open311.keys', testid: 'menu-open311-keys' },
  { path: '/classifier', key: 'menu.classifier', icon: <ExperimentOutlined />, need: 'classifier.manage', testid: 'menu-classifier' },
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

  const items = useMemo(() => {
    const visible = (n: NavItem) => (!n.need || can(n.need)) && (!n.show || n.show(me));
    const item = (n: NavItem) => ({ key: n.path, icon: n.icon, label: <span data-testid={n.testid}>{t(n.key)}</span> });
    return NAV.filter(visible).flatMap((n) => {
      if (!n.children) return [item(n)];
      const children = n.children.filter(visible).map(item);
      return children.length ? [{ ...item(n), children }] : [];
    });
  }, [can, t, me]);
  // The most specific page under the current path (/disputes/new, not /disputes as well).
  const selected = NAV.flatMap((n) => n.children ?? [n])
    .filter((n) => n.path !== '/' && loc.pathname.startsWith(n.path))
    .sort((a, b) => b.path.length - a.path.length)
    .slice(0, 1)
    .map((n) => n.path);
  const openGroups = NAV.filter((n) => n.children?.some((c) => selected.includes(c.path))).map((n) => n.path);

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
          defaultOpenKeys={openGroups}
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
          <NotificationBell />
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

