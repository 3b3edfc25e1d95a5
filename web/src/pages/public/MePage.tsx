import { useState } from 'react';
import { App, Button, Card, Descriptions, Space, Tabs, Tag, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  CitizenProfile,
  FollowPage,
  MatterPage,
  SupervisionPage,
  type CitizenProfile as CitizenProfileT,
  type MatterListItem,
  type PublicMatterListItem,
  type SupervisionReport,
} from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { supervisionKindKey, supervisionStateKey, useT } from '../../i18n';
import { AsyncGate, errorText, useAsync } from '../../components/common';
import { fmtTime, PublicTag, StateTag } from '../matters/shared';
import { LoadMoreList, PublicMatterCard, useLoadMore } from './shared';

function Profile({ profile }: { profile: CitizenProfileT }) {
  const t = useT();
  const { message } = App.useApp();
  const [p, setP] = useState(profile);
  const rename = async (displayName: string) => {
    if (!displayName.trim() || displayName.trim() === p.displayName) return;
    try {
      setP(await api('/api/citizens/me', { method: 'PATCH', body: { displayName: displayName.trim() }, schema: CitizenProfile }));
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label={t('citizen.displayName')}>
        <Typography.Text editable={{ onChange: (v) => void rename(v), maxLength: 40, triggerType: ['icon', 'text'] }} data-testid="me-name">
          {p.displayName}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('citizen.mobile')}>
        <span data-testid="me-phone">{p.phoneMasked ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('pub.memberSince')}>{fmtTime(p.createdAt)}</Descriptions.Item>
    </Descriptions>
  );
}

function MyPost({ m }: { m: MatterListItem }) {
  return (
    <Link to={`/public/mine/${m.id}`} style={{ display: 'block', marginBottom: 8, color: 'inherit' }} data-testid="my-post" data-number={m.number} data-state={m.state}>
      <Card size="small" hoverable>
        <Space wrap size={4}>
          <StateTag state={m.state} />
          <PublicTag isPublic={m.public} />
          <Typography.Text strong>{m.title}</Typography.Text>
        </Space>
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)', marginTop: 4 }}>
          {m.number} · {m.areaName} · {fmtTime(m.createdAt)}
        </div>
      </Card>
    </Link>
  );
}

function MyReport({ r }: { r: SupervisionReport }) {
  const t = useT();
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="my-supervision" data-number={r.number} data-state={r.state}>
      <Space wrap size={4}>
        <Tag color={r.state === 'closed' ? 'green' : r.state === 'accepted' ? 'blue' : 'orange'}>{t(supervisionStateKey(r.state))}</Tag>
        <Tag>{t(supervisionKindKey(r.kind))}</Tag>
        <Typography.Text strong>{r.subject}</Typography.Text>
      </Space>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0' }}>
        {r.content}
      </Typography.Paragraph>
      {r.closeNote ? (
        <Typography.Paragraph style={{ margin: '4px 0' }}>
          <Typography.Text type="success">{t('pub.supervisionConclusion')}</Typography.Text>
          {r.closeNote}
        </Typography.Paragraph>
      ) : null}
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>
        {r.number} · {fmtTime(r.createdAt)}
        {r.matterNumber ? (
          <>
            {' · '}
            <Link to={`/public/matters/${r.matterNumber}`}>{r.matterNumber}</Link>
          </>
        ) : null}
      </div>
    </Card>
  );
}

/** 我的: profile, my posts (every state, public or private), posts I follow, my supervision reports. */
export default function MePage() {
  const t = useT();
  const { logout } = useAuth();
  const nav = useNavigate();
  const profile = useAsync((signal) => api('/api/citizens/me', { schema: CitizenProfile, signal }), []);
  const posts = useLoadMore<MatterListItem>('/api/matters', MatterPage, { queue: 'reported_by_me' }, (m) => m.id);
  const follows = useLoadMore<PublicMatterListItem>('/api/citizens/me/follows', FollowPage, {}, (m) => m.number);
  const reports = useLoadMore<SupervisionReport>('/api/supervision/mine', SupervisionPage, {}, (r) => r.id);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="me-page">
      <Card
        size="small"
        title={t('pub.nav.me')}
        extra={
          <Button
            size="small"
            icon={<LogoutOutlined />}
            data-testid="me-logout"
            onClick={async () => {
              await logout();
              nav('/public', { replace: true });
            }}
          >
            {t('common.logout')}
          </Button>
        }
      >
        <AsyncGate state={profile}>{(p) => <Profile profile={p} />}</AsyncGate>
        <Space wrap>
          <Link to="/public/post">
            <Button type="primary">{t('pub.nav.post')}</Button>
          </Link>
          <Link to="/public/supervise">
            <Button>{t('pub.supervise')}</Button>
          </Link>
          <Link to="/public/reset">{t('pub.resetPassword')}</Link>
        </Space>
      </Card>
      <Tabs
        items={[
          {
            key: 'posts',
            label: <span data-testid="me-tab-posts">{t('pub.myPosts')}</span>,
            children: <LoadMoreList list={posts} testid="my-posts" empty={t('pub.myPostsEmpty')} render={(m) => <MyPost key={m.id} m={m} />} />,
          },
          {
            key: 'follows',
            label: <span data-testid="me-tab-follows">{t('pub.following')}</span>,
            children: <LoadMoreList list={follows} testid="my-follows" empty={t('pub.followingEmpty')} render={(m) => <PublicMatterCard key={m.number} m={m} />} />,
          },
          {
            key: 'supervision',
            label: <span data-testid="me-tab-supervision">{t('pub.mySupervision')}</span>,
            children: <LoadMoreList list={reports} testid="my-supervisions" empty={t('pub.mySupervisionEmpty')} render={(r) => <MyReport key={r.id} r={r} />} />,
          },
        ]}
      />
    </Space>
  );
}
