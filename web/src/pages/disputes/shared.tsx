import { Space, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { DisputeLevel, DisputeListItem, DisputeRiskLevel, DisputeState } from '@fengqiao/shared';
import { useMe } from '../../auth';
import { useT, type TFunction } from '../../i18n';
import { AreaCascader } from '../../components/AreaCascader';
import { fmtTime, fromNow } from '../matters/shared';
import { dLevelKey, dRiskKey, dStateKey, dTypeKey } from './labels';

const STATE_COLOR: Record<DisputeState, string> = {
  registered: 'orange',
  mediating: 'processing',
  settled: 'green',
  failed: 'red',
  withdrawn: 'default',
  terminated: 'default',
  closed: 'success',
};
const RISK_COLOR: Record<DisputeRiskLevel, string | undefined> = { general: undefined, serious: 'orange', major: 'red' };

export function DisputeStateTag({ state, testid }: { state: DisputeState; testid?: string }) {
  const t = useT();
  return (
    <Tag color={STATE_COLOR[state]} data-testid={testid} data-state={state}>
      {t(dStateKey(state))}
    </Tag>
  );
}

/** 一般 / 较大 / 重大, and 易激化 when flagged. */
export function RiskTags({ risk, volatile }: { risk: DisputeRiskLevel; volatile: boolean }) {
  const t = useT();
  return (
    <>
      <Tag color={RISK_COLOR[risk]} data-testid="dispute-risk" data-risk={risk}>
        {t(dRiskKey(risk))}
      </Tag>
      {volatile ? (
        <Tag color="magenta" data-testid="dispute-volatile">
          {t('dispute.volatile')}
        </Tag>
      ) : null}
    </>
  );
}

export function LevelTag({ level, area }: { level: DisputeLevel; area?: string }) {
  const t = useT();
  return (
    <Tag color="geekblue" data-testid="dispute-level" data-level={level}>
      {t(dLevelKey(level))}
      {area ? ` · ${area}` : ''}
    </Tag>
  );
}

/** 12345.5 → ¥12,345.50; null → —. */
export const fmtYuan = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `¥${v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** 0.986 → 98.6%; null (nothing ended yet) → —. */
export const fmtRate = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** The columns every list of cases shows: number, title with its tags, type, level, state, due. */
export function disputeColumns(t: TFunction): TableColumnsType<DisputeListItem> {
  return [
    {
      title: t('dispute.number'),
      dataIndex: 'number',
      width: 160,
      render: (v: string, r) => (
        <Link to={`/disputes/${r.id}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    {
      title: t('dispute.title'),
      dataIndex: 'title',
      width: 220,
      ellipsis: true,
      render: (v: string, r) => (
        <Space size={2} wrap>
          <span>{v}</span>
          {r.riskLevel !== 'general' || r.volatile ? <RiskTags risk={r.riskLevel} volatile={r.volatile} /> : null}
        </Space>
      ),
    },
    { title: t('dispute.type'), dataIndex: 'type', width: 100, render: (v: DisputeListItem['type']) => t(dTypeKey(v)) },
    { title: t('dispute.area'), dataIndex: 'areaName', width: 120, ellipsis: true },
    {
      title: t('dispute.level'),
      dataIndex: 'level',
      width: 150,
      render: (v: DisputeLevel, r) => (
        <Space orientation="vertical" size={0}>
          <span>{t(dLevelKey(v))}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.studio?.name ?? r.unit?.name ?? r.levelArea.name}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('dispute.state'),
      dataIndex: 'state',
      width: 110,
      render: (v: DisputeState, r) => (
        <Space size={2} wrap>
          <DisputeStateTag state={v} />
          {r.overdue ? <Tag color="red">{t('dispute.overdue')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('dispute.levelDue'),
      dataIndex: 'levelDueAt',
      width: 140,
      render: (v: string | null, r) =>
        v ? (
          <span style={{ color: r.overdue ? '#cf1322' : undefined }}>
            {fmtTime(v)}
            <br />
            <small>{fromNow(v)}</small>
          </span>
        ) : (
          '—'
        ),
    },
  ];
}

/** Form.Item adapter: an area picker that starts at the viewer's scope and reports the deepest area chosen. */
export function ScopeAreaInput({ onChange, testid, width = '100%' }: { value?: string; onChange?: (code: string | undefined) => void; testid?: string; width?: number | string }) {
  const me = useMe();
  return <AreaCascader root={me.scopeArea} onChange={(code) => onChange?.(code)} style={{ width }} testid={testid} />;
}
