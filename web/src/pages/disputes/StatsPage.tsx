import { lazy, Suspense, useMemo, useState } from 'react';
import { Button, Card, DatePicker, Segmented, Space, Spin, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { DisputeStats, STATS_GROUPS, type DisputeLevel, type DisputeSource, type DisputeStatsRow, type DisputeType, type StatsGroup } from '@fengqiao/shared';
import { api, buildUrl } from '../../api/client';
import { useT, type MessageKey, type TFunction } from '../../i18n';
import { AsyncGate, Guard, useAsync } from '../../components/common';
import { dLevelKey, dSourceKey, dTypeKey } from './labels';
import { fmtRate, fmtYuan, ScopeAreaInput } from './shared';

const StatsChart = lazy(() => import('./StatsChart'));

const GROUP_KEY: Record<StatsGroup, MessageKey> = { type: 'dispute.type', level: 'dispute.level', source: 'dispute.source', area: 'dispute.area', month: 'dstats.month' };

/** Codes are labelled in the reader's language; areas and months as the server names them. */
function rowLabel(t: TFunction, groupBy: StatsGroup, r: DisputeStatsRow): string {
  if (groupBy === 'type') return t(dTypeKey(r.key as DisputeType));
  if (groupBy === 'level') return t(dLevelKey(r.key as DisputeLevel));
  if (groupBy === 'source') return t(dSourceKey(r.key as DisputeSource));
  return r.label;
}

function StatsTable({ stats, names }: { stats: DisputeStats; names: string[] }) {
  const t = useT();
  const rows = stats.rows.map((r, i) => ({ ...r, name: names[i]! }));
  const n = (v: number) => v.toLocaleString('zh-CN');
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1100 }}
      data-testid="stats-table"
      columns={[
        { title: t(GROUP_KEY[stats.groupBy]), dataIndex: 'name', fixed: 'left', width: 140 },
        { title: t('dstats.cases'), dataIndex: 'cases', render: n },
        { title: t('dstats.settled'), dataIndex: 'settled', render: n },
        { title: t('dstats.failed'), dataIndex: 'failed', render: n },
        { title: t('dstats.withdrawn'), dataIndex: 'withdrawn', render: n },
        { title: t('dstats.terminated'), dataIndex: 'terminated', render: n },
        { title: t('dstats.open'), dataIndex: 'open', render: n },
        { title: t('dstats.resolutionRate'), dataIndex: 'resolutionRate', render: fmtRate },
        { title: t('dstats.amountInvolved'), dataIndex: 'amountInvolved', render: fmtYuan },
        { title: t('dstats.amountSettled'), dataIndex: 'amountSettled', render: fmtYuan },
        { title: t('dstats.people'), dataIndex: 'people', render: n },
      ]}
      summary={() => {
        const s = stats.totals;
        const cells = [n(s.cases), n(s.settled), n(s.failed), n(s.withdrawn), n(s.terminated), n(s.open), fmtRate(s.resolutionRate), fmtYuan(s.amountInvolved), fmtYuan(s.amountSettled), n(s.people)];
        return (
          <Table.Summary.Row data-testid="stats-totals">
            <Table.Summary.Cell index={0}>
              <b>{t('dstats.total')}</b>
            </Table.Summary.Cell>
            {cells.map((c, i) => (
              <Table.Summary.Cell key={i} index={i + 1}>
                <b>{c}</b>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        );
      }}
    />
  );
}

/** 统计分析: cases by type, level, source, area or month over a date range, with 化解率 and amounts. */
function Stats() {
  const t = useT();
  const [groupBy, setGroupBy] = useState<StatsGroup>('type');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const [areaCode, setAreaCode] = useState<string | undefined>();
  const query = { groupBy, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), areaCode };
  const stats = useAsync((signal) => api('/api/dispute-stats', { query, schema: DisputeStats, signal }), [groupBy, query.from, query.to, areaCode]);
  const names = useMemo(() => (stats.data ? stats.data.rows.map((r) => rowLabel(t, stats.data!.groupBy, r)) : []), [stats.data, t]);
  return (
    <Card
      title={t('dstats.title')}
      data-testid="stats-page"
      extra={
        <Button href={buildUrl('/api/dispute-stats/export', query)} icon={<DownloadOutlined />} data-testid="stats-export">
          {t('dstats.export')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<StatsGroup> value={groupBy} onChange={setGroupBy} options={STATS_GROUPS.map((g) => ({ value: g, label: t(GROUP_KEY[g]) }))} data-testid="stats-group" />
        <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <ScopeAreaInput width={280} onChange={setAreaCode} testid="stats-area" />
      </Space>
      <AsyncGate state={stats}>
        {(s) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('dstats.scope', { area: s.areaName, from: s.from, to: s.to })}</Typography.Text>
            {s.rows.length ? (
              <Suspense fallback={<Spin />}>
                <StatsChart rows={s.rows} names={names} />
              </Suspense>
            ) : null}
            <StatsTable stats={s} names={names} />
          </Space>
        )}
      </AsyncGate>
    </Card>
  );
}

export default function StatsPage() {
  return (
    <Guard need="dispute.read">
      <Stats />
    </Guard>
  );
}
