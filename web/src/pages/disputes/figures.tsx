import { Card, Col, Row, Space, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { DisputeListItem, MediatorRow } from '@fengqiao/shared';
import { useT, type TFunction } from '../../i18n';
import { dTypeKey } from './labels';
import { disputeColumns, fmtRate } from './shared';

// The record of a mediator or a studio: cases, 调解成功, 调解不成, success rate, days to resolve.

interface CaseRecord {
  totalCases: number;
  settled: number;
  failed: number;
  successRate: number | null;
  avgDaysToResolve: number | null;
  byType: { type: DisputeListItem['type']; count: number }[];
  recentCases: DisputeListItem[];
}

export function RecordFigures({ r, open }: { r: CaseRecord; open?: number }) {
  const t = useT();
  return (
    <Row gutter={16} data-testid="figures">
      <Col xs={12} md={4}>
        <Statistic title={t('dfig.totalCases')} value={r.totalCases} />
      </Col>
      {open !== undefined ? (
        <Col xs={12} md={4}>
          <Statistic title={t('dfig.openCases')} value={open} />
        </Col>
      ) : null}
      <Col xs={12} md={4}>
        <Statistic title={t('dfig.settled')} value={r.settled} styles={{ content: { color: '#389e0d' } }} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('dfig.failed')} value={r.failed} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('dfig.successRate')} value={fmtRate(r.successRate)} data-testid="figures-rate" />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('dfig.avgDays')} value={r.avgDaysToResolve ?? '—'} suffix={r.avgDaysToResolve !== null ? t('dfig.daysUnit') : undefined} />
      </Col>
    </Row>
  );
}

/** Cases by type and the latest cases, under the figures. */
export function RecordCases({ r }: { r: CaseRecord }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('dfig.byType')}>
        <Space wrap>
          {r.byType.map((b) => (
            <Tag key={b.type}>
              {t(dTypeKey(b.type))} {b.count}
            </Tag>
          ))}
        </Space>
      </Card>
      <Card size="small" title={t('dfig.recentCases')}>
        <Table<DisputeListItem> size="small" rowKey="id" pagination={false} dataSource={r.recentCases} columns={disputeColumns(t)} scroll={{ x: 1000 }} />
      </Card>
    </Space>
  );
}

/** Columns of a list of mediators and their records. */
export function mediatorColumns(t: TFunction): TableColumnsType<MediatorRow> {
  return [
    { title: t('dfig.mediator'), dataIndex: 'name', render: (v: string, m) => <Link to={`/disputes/mediators/${m.userId}`}>{v}</Link> },
    { title: t('dfig.unit'), dataIndex: 'unitName', render: (v: string | null, m) => (v && m.unitId ? <Link to={`/disputes/studios/${m.unitId}`}>{v}</Link> : '—') },
    { title: t('dispute.area'), dataIndex: 'areaName' },
    { title: t('dfig.openCases'), dataIndex: 'openCases', width: 80 },
    { title: t('dfig.totalCases'), dataIndex: 'totalCases', width: 80 },
    { title: t('dfig.settled'), dataIndex: 'settled', width: 80 },
    { title: t('dfig.failed'), dataIndex: 'failed', width: 80 },
    { title: t('dfig.successRate'), dataIndex: 'successRate', width: 90, render: (v: number | null) => fmtRate(v) },
    { title: t('dfig.avgDays'), dataIndex: 'avgDaysToResolve', width: 110, render: (v: number | null) => v ?? '—' },
  ];
}
