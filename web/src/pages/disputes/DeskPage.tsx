import { useState } from 'react';
import { Button, Card, Col, Empty, Form, Input, List, Row, Select, Space, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  DISPUTE_LEVELS,
  DISPUTE_QUEUES,
  DISPUTE_STATES,
  DISPUTE_TYPES,
  DisputeDetail,
  DisputePage,
  type DisputeListItem,
} from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../auth';
import { useT } from '../../i18n';
import { ErrorAlert, Guard, useAsync } from '../../components/common';
import { FilterForm, PagedTable, trimOrUndef, usePagedQuery, type FilterValues } from '../../components/paged';
import { fmtTime, fromNow } from '../matters/shared';
import { dLevelKey, dQueueKey, dStateKey, dTypeKey, type DisputeQueue } from './labels';
import { disputeColumns } from './shared';

/** How many of the viewer's cases the next-sessions list looks into (one request each). */
const SESSION_CASES = 20;

function QueueTable({ queue }: { queue: DisputeQueue }) {
  const t = useT();
  const nav = useNavigate();
  const query = usePagedQuery('/api/disputes', DisputePage, { queue });
  return (
    <>
      <FilterForm<FilterValues>
        query={query}
        submitTestId="dispute-filter-submit"
        normalize={(v) => ({ q: trimOrUndef(v.q), state: v.state, type: v.type, level: v.level })}
      >
        <Form.Item name="q" label={t('dispute.keyword')}>
          <Input allowClear style={{ width: 180 }} data-testid="dispute-filter-q" />
        </Form.Item>
        <Form.Item name="state" label={t('dispute.state')}>
          <Select allowClear style={{ width: 120 }} placeholder={t('common.all')} options={DISPUTE_STATES.map((s) => ({ value: s, label: t(dStateKey(s)) }))} />
        </Form.Item>
        <Form.Item name="type" label={t('dispute.type')}>
          <Select allowClear style={{ width: 140 }} placeholder={t('common.all')} options={DISPUTE_TYPES.map((s) => ({ value: s, label: t(dTypeKey(s)) }))} />
        </Form.Item>
        <Form.Item name="level" label={t('dispute.level')}>
          <Select allowClear style={{ width: 120 }} placeholder={t('common.all')} options={DISPUTE_LEVELS.map((s) => ({ value: s, label: t(dLevelKey(s)) }))} />
        </Form.Item>
      </FilterForm>
      <PagedTable<DisputeListItem>
        query={query}
        rowKey="id"
        data-testid="dispute-table"
        scroll={{ x: 1000 }}
        columns={disputeColumns(t)}
        onRow={(r) =>
          ({
            'data-testid': 'dispute-row',
            'data-number': r.number,
            style: { cursor: 'pointer', background: r.overdue ? '#fff1f0' : undefined },
            onClick: () => nav(`/disputes/${r.id}`),
          }) as React.HTMLAttributes<HTMLElement>
        }
      />
    </>
  );
}

/**
 * Sessions still to hold in the cases the viewer mediates, soonest first. There is no
 * cross-case sessions query, so this reads the first cases of the viewer's queue.
 */
function NextSessions() {
  const t = useT();
  const upcoming = useAsync(async (signal) => {
    const page = await api('/api/disputes', { query: { queue: 'assigned_to_me', state: 'mediating', pageSize: SESSION_CASES }, schema: DisputePage, signal });
    const cases = await Promise.all(page.items.map((c) => api(`/api/disputes/${c.id}`, { schema: DisputeDetail, signal })));
    return cases
      .flatMap((c) => c.sessions.filter((s) => !s.heldAt).map((s) => ({ c, s })))
      .sort((a, b) => a.s.at.localeCompare(b.s.at));
  }, []);
  return (
    <Card title={t('dispute.nextSessions')} size="small" data-testid="next-sessions">
      {upcoming.error ? <ErrorAlert error={upcoming.error} /> : null}
      <List
        size="small"
        loading={upcoming.loading}
        dataSource={upcoming.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispute.noSessions')} /> }}
        renderItem={({ c, s }) => {
          const late = new Date(s.at).getTime() < Date.now();
          return (
            <List.Item data-testid="next-session">
              <Space orientation="vertical" size={0}>
                <span>
                  <b>{fmtTime(s.at)}</b>{' '}
                  <Typography.Text type={late ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    {late ? t('dispute.sessionToRecord') : fromNow(s.at)}
                  </Typography.Text>
                </span>
                <Link to={`/disputes/${c.id}`}>
                  {c.number} {c.title}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.place}
                  {s.onSite ? ` · ${t('dispute.onSite')}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

/** 调解工作台: the viewer's queues (mine, my level, overdue, open, ended) and the next sessions. */
function Desk() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const nav = useNavigate();
  const mediator = me.user.roles.includes('mediator');
  const [active, setActive] = useState<DisputeQueue>(mediator ? 'assigned_to_me' : 'my_level');
  return (
    // Next sessions come first on narrower screens, beside the queues on wide ones.
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={{ span: 6, push: 18 }}>
        <NextSessions />
      </Col>
      <Col xs={24} xxl={{ span: 18, pull: 6 }}>
        <Card
          title={t('dispute.deskTitle')}
          data-testid="dispute-desk"
          extra={
            can('dispute.create') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/disputes/new')} data-testid="dispute-new">
                {t('dispute.intakeTitle')}
              </Button>
            ) : null
          }
        >
          <Tabs
            activeKey={active}
            onChange={(k) => setActive(k as DisputeQueue)}
            destroyOnHidden
            items={DISPUTE_QUEUES.map((q) => ({
              key: q,
              label: <span data-testid={`dqueue-${q}`}>{t(dQueueKey(q))}</span>,
              children: <QueueTable queue={q} />,
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}

export default function DeskPage() {
  return (
    <Guard need="dispute.read">
      <Desk />
    </Guard>
  );
}
