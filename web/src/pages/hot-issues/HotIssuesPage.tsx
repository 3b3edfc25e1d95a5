import { Alert, Card, Col, Empty, Row, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { HOT_ISSUE_WINDOWS, HotIssueList, type HotIssue, type HotIssueWindow } from '@fengqiao/shared';
import { api } from '../../api/client';
import { ErrorAlert, Guard, useAsync } from '../../components/common';
import { useT } from '../../i18n';
import { HotIssueDrawer } from './HotIssueDrawer';
import { colorOfRank, HotIssueMap } from './HotIssueMap';
import { Sparkline } from './Sparkline';

// 热点: the matters of the last 7/30/90 days in the viewer's scope grouped by problem and place
// (the server groups them on every read), hottest first, with a map of where they are. The
// window and the open issue live in the address, so an early-warning notification links straight
// to its issue (/hot-issues?days=7&focus=<matter id>).

const windowOf = (raw: string | null): HotIssueWindow => {
  const n = Number(raw);
  return (HOT_ISSUE_WINDOWS as readonly number[]).includes(n) ? (n as HotIssueWindow) : 30;
};

function HotIssues() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const days = windowOf(params.get('days'));
  const focus = params.get('focus');
  const state = useAsync((signal) => api('/api/hot-issues', { query: { days }, schema: HotIssueList, signal }), [days]);
  const set = (next: { days?: number; focus?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.days !== undefined) p.set('days', String(next.days));
    if (next.focus === null) p.delete('focus');
    else if (next.focus !== undefined) p.set('focus', next.focus);
    setParams(p, { replace: true });
  };
  const list = state.data;
  const items = list?.items ?? [];

  return (
    <Card
      title={t('hot.title')}
      data-testid="hot-page"
      data-loading={state.loading ? 'true' : 'false'}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('hot.window')}</Typography.Text>
          <Segmented<HotIssueWindow>
            value={days}
            onChange={(d) => set({ days: d, focus: null })}
            options={HOT_ISSUE_WINDOWS.map((d) => ({ value: d, label: <span data-testid={`hot-window-${d}`}>{t('hot.days', { days: d })}</span> }))}
          />
        </Space>
      }
    >
      <ErrorAlert error={state.error} />
      {list ? (
        <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 12 }}>
          <Typography.Text type="secondary" data-testid="hot-summary">
            {t('hot.summary', { count: list.matterCount, groups: items.length })}
          </Typography.Text>
          {list.capped ? <Alert type="warning" showIcon title={t('hot.capped', { count: list.matterCount })} /> : null}
        </Space>
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Table<HotIssue>
            size="small"
            rowKey="id"
            loading={state.loading}
            dataSource={items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 700 }}
            data-testid="hot-table"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hot.empty')} /> }}
            onRow={(h) =>
              ({
                'data-testid': 'hot-row',
                'data-id': h.id,
                'data-count': h.count,
                style: { cursor: 'pointer' },
                onClick: () => set({ focus: h.id }),
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              { title: t('hot.rank'), key: 'rank', width: 52, render: (_: unknown, _h, i) => <Tag color={colorOfRank(i)}>{i + 1}</Tag> },
              {
                title: (
                  <Tooltip title={t('hot.heatHelp')}>
                    {t('hot.heat')} <QuestionCircleOutlined />
                  </Tooltip>
                ),
                dataIndex: 'heat',
                width: 76,
                render: (v: number) => <Typography.Text strong>{v.toFixed(1)}</Typography.Text>,
              },
              {
                title: t('hot.label'),
                dataIndex: 'label',
                render: (label: string, h) => (
                  <Space orientation="vertical" size={0}>
                    <Space size={4} wrap>
                      <span data-testid="hot-label">{label}</span>
                      {h.employer ? <Tag color="volcano">{t('hot.employer')}</Tag> : null}
                    </Space>
                    {h.areaName ? <Typography.Text type="secondary">{h.areaName}</Typography.Text> : null}
                  </Space>
                ),
              },
              { title: t('hot.count'), dataIndex: 'count', width: 64, align: 'right' },
              { title: t('hot.reporters'), dataIndex: 'reporters', width: 72, align: 'right' },
              {
                title: t('hot.growth'),
                key: 'growth',
                width: 100,
                render: (_: unknown, h) => <Sparkline daily={h.daily} width={84} title={t('hot.growthTip', { recent: h.recent, earlier: h.earlier })} />,
              },
              {
                title: t('hot.span'),
                key: 'span',
                width: 104,
                render: (_: unknown, h) => (
                  <Tooltip title={`${dayjs(h.firstAt).format('YYYY-MM-DD HH:mm')} – ${dayjs(h.lastAt).format('YYYY-MM-DD HH:mm')}`}>
                    {dayjs(h.firstAt).format('MM-DD')} – {dayjs(h.lastAt).format('MM-DD')}
                  </Tooltip>
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Typography.Text strong>{t('hot.map')}</Typography.Text>
          <HotIssueMap issues={items} onSelect={(id) => set({ focus: id })} />
          {list && items.length > 0 && items.every((h) => h.points.length === 0) ? <Typography.Text type="secondary">{t('hot.mapNone')}</Typography.Text> : null}
        </Col>
      </Row>
      <HotIssueDrawer id={focus} days={days} onClose={() => set({ focus: null })} />
    </Card>
  );
}

export default function HotIssuesPage() {
  return (
    <Guard need="hot_issue.read">
      <HotIssues />
    </Guard>
  );
}
